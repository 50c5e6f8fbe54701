import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ChainClient } from '../client/connect.js';
import { ChainError, ChainInputError } from '../errors/chainError.js';
import type { TxSigner } from '../tx/signer.js';
import { findEvent, type SubmitResult, submitExtrinsic } from '../tx/submit.js';
import { isValidAddress } from './address.js';

export interface BurnedRegisterParams {
  /** Coldkey paying the burn. */
  signer: TxSigner;
  hotkey: string;
  netuid: number;
}

export interface Registration {
  uid: number;
  result: SubmitResult;
}

/** What registering costs right now (rao), `Burn[netuid]`. */
export async function getBurnCost(client: ChainClient, params: { netuid: number }): Promise<bigint> {
  const burn = await client.request('SubtensorModule.Burn', (api) =>
    api.query.subtensorModule.burn(params.netuid),
  );
  return BigInt(burn.toString());
}

/** The hotkey's uid on the subnet, or undefined when it is not registered. */
export async function getUid(
  client: ChainClient,
  params: { netuid: number; hotkey: string },
): Promise<number | undefined> {
  const uid = await client.request('SubtensorModule.Uids', (api) =>
    api.query.subtensorModule.uids(params.netuid, params.hotkey),
  );
  const json = uid.toJSON() as number | null;
  return json === null ? undefined : json;
}

export function burnedRegisterCall(
  client: ChainClient,
  params: Omit<BurnedRegisterParams, 'signer'>,
): SubmittableExtrinsic<'promise'> {
  if (!isValidAddress(params.hotkey)) {
    throw new ChainInputError(`hotkey "${params.hotkey}" is not an SS58 address`, { hotkey: params.hotkey });
  }
  return client.api.tx.subtensorModule.burnedRegister(params.netuid, params.hotkey);
}

/** burned_register signed by the coldkey; returns the new uid from the NeuronRegistered event. */
export async function burnedRegister(
  client: ChainClient,
  params: BurnedRegisterParams,
): Promise<Registration> {
  const result = await submitExtrinsic(client, burnedRegisterCall(client, params), {
    signer: params.signer,
    label: 'burned_register',
  });
  const event = findEvent(result, 'subtensorModule', 'NeuronRegistered');
  if (event === undefined) {
    throw new ChainError(
      'ChainDecodeError',
      'burned_register was included but emitted no NeuronRegistered event',
      {
        details: { netuid: params.netuid, hotkey: params.hotkey },
      },
    );
  }
  // NeuronRegistered(netuid, uid, hotkey)
  return { uid: Number(event.data['1']), result };
}
