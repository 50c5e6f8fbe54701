import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ChainClient,
  connect,
  getAllCommitments,
  getBalance,
  getCommitment,
  getCurrentBlock,
  getMetagraph,
  revealPending,
  serveAxon,
  setCommitment,
  submitWeights,
  subscribeBlocks,
} from '@taonode/chain';
import { retry } from '@taonode/kit';
import { SDK_VERSION } from '@taonode/transport';
import type { ConnectChainArgs } from '../runner/runtimePorts.js';
import { toNeuronMetagraph } from './toNeuronMetagraph.js';
import type { ChainPort } from './types.js';

/**
 * Connects (retrying until the node answers: a daemon started before its node waits) and maps
 * @taonode/chain's actions onto the ChainPort the loops use.
 */
export async function connectChainPort(args: ConnectChainArgs): Promise<ChainPort> {
  const { endpoint, signer, config, logger } = args;
  const c: ChainClient = await retry(() => connect({ chainEndpoint: endpoint }), {
    initialMs: 1_000,
    maxMs: 30_000,
    signal: args.signal,
    onRetry: ({ error, retryInMs }) =>
      logger.warn({ err: error, endpoint, retryInMs }, 'cannot reach the chain yet; retrying'),
  });
  let connected = true;
  args.onConnection(true);
  // The client reconnects by itself; this only reports the transitions (logs, /healthz, metrics).
  const watch = setInterval(() => {
    if (c.isConnected !== connected) {
      connected = c.isConnected;
      args.onConnection(connected);
    }
  }, 1_000);
  watch.unref();
  // Pending commit-reveal entries live beside the scores, so they survive restarts together.
  const store = join(config.neuron.stateDir, 'pending-reveals.json');
  return {
    subscribeBlocks: (onBlock) => subscribeBlocks(c, (block) => onBlock(block.number)),
    blockNumber: () => getCurrentBlock(c),
    metagraph: async (netuid) => toNeuronMetagraph(await getMetagraph(c, { netuid })),
    serveAxon: async ({ netuid, ip, port }) => {
      const r = await serveAxon(c, { signer, netuid, ip, port, version: SDK_VERSION });
      return r.changed ? 'served' : 'unchanged';
    },
    submitWeights: async ({ netuid, uids, weights, versionKey }) => {
      await mkdir(config.neuron.stateDir, { recursive: true, mode: 0o700 });
      const r = await submitWeights(c, {
        signer,
        netuid,
        uids,
        weights,
        versionKey: BigInt(versionKey),
        store,
        logger,
      });
      if (r.action === 'skipped') return { kind: 'skipped', reason: r.detail };
      return { kind: r.action, block: r.blockNumber };
    },
    revealDue: async ({ netuid }) => {
      const r = await revealPending(c, { signer, store, netuid, logger });
      return r.revealed.length;
    },
    blockHash: async (block) =>
      c.request('block hash', async (api) =>
        (block === undefined
          ? await api.rpc.chain.getBlockHash()
          : await api.rpc.chain.getBlockHash(block)
        ).toHex(),
      ),
    commitment: (a) => getCommitment(c, a),
    commitments: (netuid) => getAllCommitments(c, { netuid }),
    setCommitment: async ({ netuid, data }) => {
      const r = await setCommitment(c, { netuid, data, signer });
      return { blockHash: r.blockHash };
    },
    balance: async (address) => (await getBalance(c, { address })).free,
    client: c,
    isConnected: () => c.isConnected,
    close: async () => {
      clearInterval(watch);
      await c.close();
    },
  };
}
