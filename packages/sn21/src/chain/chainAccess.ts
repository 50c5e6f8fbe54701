import {
  type ChainClient,
  getAllCommitments,
  getBlockTime,
  getCommitment,
  setCommitment,
  type TxSigner,
} from '@taonode/chain';
import type { MinerChain } from '../miner/commitmentWatch.js';
import type { Sn21ChainReads } from '../validator/validatorEngine.js';

/** The validator's chain reads: every commitment of the subnet, block hashes and times. */
export function sn21ChainReads(client: ChainClient, netuid: number): Sn21ChainReads {
  return {
    commitments: async () =>
      (await getAllCommitments(client, { netuid })).map((c) => ({
        hotkey: c.hotkey,
        block: c.block,
        text: c.text,
      })),
    blockInfo: async (blockNumber) => {
      const b = await getBlockTime(client, { blockNumber });
      return { hash: b.hash, timeMs: b.timestampMs };
    },
  };
}

/** The miner's own commitment on the subnet, read and written with its hotkey. */
export function sn21MinerChain(
  client: ChainClient,
  args: { netuid: number; hotkey: string; signer: TxSigner },
): MinerChain {
  return {
    commitment: async () => {
      const c = await getCommitment(client, { netuid: args.netuid, hotkey: args.hotkey });
      return c === undefined ? undefined : { block: c.block, text: c.text };
    },
    commit: async (text) => {
      const r = await setCommitment(client, { netuid: args.netuid, data: text, signer: args.signer });
      return { blockHash: r.blockHash };
    },
  };
}
