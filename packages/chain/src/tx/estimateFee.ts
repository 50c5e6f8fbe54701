import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ChainClient } from '../client/connect.js';

/** The node's fee estimate for a call signed by `address`, in rao. */
export async function estimateFee(
  client: ChainClient,
  tx: SubmittableExtrinsic<'promise'>,
  address: string,
): Promise<bigint> {
  const info = await client.request('payment_queryInfo', () => tx.paymentInfo(address));
  return info.partialFee.toBigInt();
}
