import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ChainClient } from '../client/connect.js';
import { ChainInputError } from '../errors/chainError.js';
import type { TxSigner } from '../tx/signer.js';
import { type SubmitResult, submitExtrinsic } from '../tx/submit.js';
import { isValidAddress } from './address.js';

export interface TransferParams {
  /** Coldkey paying. */
  signer: TxSigner;
  dest: string;
  /** rao */
  amount: bigint;
  /** transfer_keep_alive (default) refuses to reap the sender; false allows it. */
  keepAlive?: boolean;
  /** Sign with this nonce (see SubmitOptions.nonce); default the next free one. */
  nonce?: number;
}

/** The unsigned call, for fee estimates before asking the user. */
export function transferCall(
  client: ChainClient,
  params: Omit<TransferParams, 'signer'>,
): SubmittableExtrinsic<'promise'> {
  if (!isValidAddress(params.dest)) {
    throw new ChainInputError(`destination "${params.dest}" is not an SS58 address`, { dest: params.dest });
  }
  if (params.amount <= 0n)
    throw new ChainInputError('the amount must be positive', { amount: String(params.amount) });
  const { balances } = client.api.tx;
  return params.keepAlive === false
    ? balances.transferAllowDeath(params.dest, params.amount)
    : balances.transferKeepAlive(params.dest, params.amount);
}

export async function transfer(client: ChainClient, params: TransferParams): Promise<SubmitResult> {
  return submitExtrinsic(client, transferCall(client, params), {
    signer: params.signer,
    label: 'transfer',
    ...(params.nonce === undefined ? {} : { nonce: params.nonce }),
  });
}
