import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError, ChainInputError } from '../errors/chainError.js';
import { BlockNotFoundError } from './getBlockTransfers.js';

export interface BlockTime {
  number: number;
  hash: string;
  /** The block's Timestamp.set, ms since the epoch. */
  timestampMs: number;
}

/**
 * Hash and time of the block at `blockNumber` on the node's best chain: what seeds work that every
 * validator must do alike (same block → same hash), and the time a commitment was made. Reads the
 * block body (its Timestamp.set extrinsic), not state, so a pruned node answers for old blocks too.
 */
export async function getBlockTime(client: ChainClient, params: { blockNumber: number }): Promise<BlockTime> {
  const n = params.blockNumber;
  if (!Number.isInteger(n) || n < 0) {
    throw new ChainInputError(`block number ${n} is not a non-negative integer`, { blockNumber: n });
  }
  const hash = await client.rpc<string | null>('chain_getBlockHash', [n]);
  if (hash === null) throw new BlockNotFoundError(`#${n}`, client.endpoint);
  const signed = await client.request('chain_getBlock', (api) => api.rpc.chain.getBlock(hash));
  for (const ex of signed.block.extrinsics) {
    if (ex.method.section === 'timestamp' && ex.method.method === 'set') {
      const ms = Number((ex.method.args[0] as unknown as { toBigInt(): bigint }).toBigInt());
      return { number: n, hash: hash.toLowerCase(), timestampMs: ms };
    }
  }
  throw new ChainDecodeError(`block #${n} carries no Timestamp.set`, { blockNumber: n, blockHash: hash });
}
