import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ChainClient,
  connect,
  getCurrentBlock,
  getMetagraph,
  revealPending,
  serveAxon,
  submitWeights,
  subscribeBlocks,
} from '@taonode/chain';
import { SDK_VERSION } from '@taonode/transport';
import type { Keypair } from '@taonode/wallet';
import type { Logger } from 'pino';
import type { NeuronConfig } from '../config/neuronConfig.js';
import { sleep } from '../lifecycle/sleep.js';
import { toNeuronMetagraph } from './toNeuronMetagraph.js';
import type { ChainPort } from './types.js';

/**
 * Connects (retrying until the node answers: a daemon started before its node waits) and maps
 * @taonode/chain's actions onto the ChainPort the loops use.
 */
export async function connectChainPort(args: {
  endpoint: string;
  signer: Keypair;
  config: NeuronConfig;
  logger: Logger;
  onConnection: (connected: boolean) => void;
  signal?: AbortSignal;
}): Promise<ChainPort> {
  const { endpoint, signer, config, logger } = args;
  let client: ChainClient | undefined;
  let delay = 1_000;
  while (!client) {
    try {
      client = await connect({ chainEndpoint: endpoint });
    } catch (error) {
      if (args.signal?.aborted) throw error;
      logger.warn({ err: error, endpoint, retryInMs: delay }, 'cannot reach the chain yet; retrying');
      await sleep(delay, args.signal);
      delay = Math.min(delay * 2, 30_000);
    }
  }
  const c = client;
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
    isConnected: () => c.isConnected,
    close: async () => {
      clearInterval(watch);
      await c.close();
    },
  };
}
