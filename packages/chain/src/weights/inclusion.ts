import type { ChainClient } from '../client/connect.js';
import type { SubmitResult } from '../tx/submit.js';

export interface IncludedTx {
  txHash: string;
  blockHash: string;
  blockNumber: number;
}

/** Adds the block number to a submission result (submitExtrinsic only knows the hash). */
export async function withBlockNumber(client: ChainClient, result: SubmitResult): Promise<IncludedTx> {
  const header = await client.request('block header', (api) => api.rpc.chain.getHeader(result.blockHash));
  return { txHash: result.txHash, blockHash: result.blockHash, blockNumber: header.number.toNumber() };
}
