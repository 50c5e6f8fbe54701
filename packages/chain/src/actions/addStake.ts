import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ChainClient } from '../client/connect.js';
import { ChainInputError } from '../errors/chainError.js';
import type { TxSigner } from '../tx/signer.js';
import { type SubmitResult, submitExtrinsic } from '../tx/submit.js';
import { isValidAddress } from './address.js';

/** Runtime constant DefaultMinStake: smaller amounts are refused with AmountTooLow. */
export const MIN_STAKE_RAO = 2_000_000n;

export interface AddStakeParams {
  /** Coldkey paying the TAO. */
  signer: TxSigner;
  hotkey: string;
  netuid: number;
  /** TAO in rao; swapped to the subnet's alpha at the pool price. */
  amount: bigint;
}

export function addStakeCall(
  client: ChainClient,
  params: Omit<AddStakeParams, 'signer'>,
): SubmittableExtrinsic<'promise'> {
  if (!isValidAddress(params.hotkey)) {
    throw new ChainInputError(`hotkey "${params.hotkey}" is not an SS58 address`, { hotkey: params.hotkey });
  }
  if (params.amount < MIN_STAKE_RAO) {
    throw new ChainInputError(
      `stake amount ${params.amount} rao is below the chain minimum of ${MIN_STAKE_RAO} rao (0.002 TAO)`,
      { amount: String(params.amount) },
    );
  }
  return client.api.tx.subtensorModule.addStake(params.hotkey, params.netuid, params.amount);
}

export async function addStake(client: ChainClient, params: AddStakeParams): Promise<SubmitResult> {
  return submitExtrinsic(client, addStakeCall(client, params), { signer: params.signer, label: 'add_stake' });
}

/** Alpha stake (rao) that `coldkey` holds on `hotkey` in `netuid`, from StakeInfoRuntimeApi. */
export async function getStake(
  client: ChainClient,
  params: { hotkey: string; coldkey: string; netuid: number },
): Promise<bigint> {
  const info = await client.request('StakeInfoRuntimeApi', (api) =>
    api.call.stakeInfoRuntimeApi.getStakeInfoForHotkeyColdkeyNetuid(
      params.hotkey,
      params.coldkey,
      params.netuid,
    ),
  );
  const json = info.toJSON() as { stake?: number | string } | null;
  return json?.stake === undefined ? 0n : BigInt(json.stake);
}
