import { getBlockTime } from '@taonode/chain';
import type { Keypair } from '@taonode/wallet';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort } from '../chainPort/types.js';
import type { PluginChain } from '../subnet/pluginContext.js';

function missing(what: string): never {
  throw new Error(`this chain connection cannot ${what}`);
}

/** The runtime's chain port as a plug-in sees it: bound to this daemon's netuid and hotkey. */
export function pluginChain(args: {
  chain: ChainPort;
  cache: MetagraphCache;
  signer: Keypair;
  netuid: number;
}): PluginChain {
  const { chain, cache, signer, netuid } = args;
  return {
    hotkey: signer.ss58Address,
    sign: (message) => signer.sign(message),
    block: () => chain.blockNumber(),
    blockHash: (block) => (chain.blockHash ? chain.blockHash(block) : missing('read block hashes')),
    blockTime: async (block) => {
      if (!chain.client) return missing('read block times');
      const b = await getBlockTime(chain.client, { blockNumber: block });
      return { hash: b.hash, timestampMs: b.timestampMs };
    },
    metagraph: async () => cache.value ?? cache.refresh(),
    commitment: (hotkey) =>
      chain.commitment
        ? chain.commitment({ netuid, hotkey: hotkey ?? signer.ss58Address })
        : missing('read commitments'),
    commitments: () => (chain.commitments ? chain.commitments(netuid) : missing('read commitments')),
    setCommitment: (data) =>
      chain.setCommitment ? chain.setCommitment({ netuid, data }) : missing('write commitments'),
    balance: (address) =>
      chain.balance ? chain.balance(address ?? signer.ss58Address) : missing('read balances'),
  };
}
