import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';
import { withTimeout } from '@taonode/kit';
import type { ChainClient } from '../client/connect.js';
import { mapError } from '../client/connect.js';
import { ChainDisconnectedError, ChainError, ChainTimeoutError } from '../errors/chainError.js';
import { decodeDispatchError } from '../errors/dispatchError.js';
import { decodePoolError } from '../errors/poolError.js';
import { nextNonce } from './nextNonce.js';
import { type TxSigner, toKeyringPair } from './signer.js';

export interface ChainEvent {
  section: string;
  method: string;
  /** Event fields by name (or index), as JSON-friendly values. */
  data: Record<string, unknown>;
}

export interface SubmitResult {
  txHash: string;
  blockHash: string;
  events: ChainEvent[];
}

export interface SubmitOptions {
  signer: TxSigner;
  /** inBlock (default) or finalized. */
  waitFor?: 'inBlock' | 'finalized';
  /** Overrides the client's transaction time limit. */
  timeoutMs?: number;
  /** Tip in rao. */
  tip?: bigint;
  /**
   * Sign with this nonce instead of the next free one: re-sending a payment whose outcome is unknown
   * with its original nonce can never pay twice (at most one extrinsic per nonce lands).
   */
  nonce?: number;
  /** Human label for errors ("serve_axon"); defaults to section.method. */
  label?: string;
}

/**
 * Signs, submits and waits for inclusion. The nonce comes from `system_accountNextIndex` (counts pool
 * transactions too, so back-to-back submissions do not collide). Pool refusals (1010/1014) and
 * `ExtrinsicFailed` both surface as ChainError named after the runtime's own error.
 */
export async function submitExtrinsic(
  client: ChainClient,
  tx: SubmittableExtrinsic<'promise'>,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const pair = toKeyringPair(options.signer);
  const label = options.label ?? `${tx.method.section}.${tx.method.method}`;
  const details = { call: label, signer: pair.address };
  const nonce = options.nonce ?? (await nextNonce(client, pair.address));
  await client.request('sign', () =>
    tx.signAsync(pair, { nonce, ...(options.tip === undefined ? {} : { tip: options.tip }) }),
  );
  const txHash = tx.hash.toHex();
  const limit = options.timeoutMs ?? client.txTimeoutMs;
  const waitFor = options.waitFor ?? 'inBlock';

  let unsub: (() => void) | undefined;
  let settled = false;
  let offDisconnect: (() => void) | undefined;
  const included = new Promise<SubmitResult>((resolve, reject) => {
    let poked = false;
    offDisconnect = client.onDisconnect(() =>
      reject(
        new ChainError('ChainDisconnectedError', `lost the connection while waiting for ${label}`, {
          hint: 'The transaction may or may not have been included; check the chain state before retrying.',
          details: { ...details, txHash, endpoint: client.endpoint },
        }),
      ),
    );
    const onStatus = (result: ISubmittableResult) => {
      const { status } = result;
      if (!poked && !status.isInBlock && !status.isFinalized && client.afterSubmit !== undefined) {
        poked = true;
        client.afterSubmit(client).catch(reject);
      }
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        reject(
          new ChainError(status.type, `${label} was ${status.type.toLowerCase()} by the pool`, {
            pallet: 'pool',
            hint: 'Another transaction with the same nonce won, or the pool dropped it; check state and retry.',
            details: { ...details, txHash },
          }),
        );
        return;
      }
      const blockHash = status.isInBlock
        ? status.asInBlock
        : status.isFinalized
          ? status.asFinalized
          : undefined;
      if (blockHash === undefined || (waitFor === 'finalized' && !status.isFinalized)) return;
      const failure = findFailure(result.events);
      if (failure !== undefined) {
        reject(decodeDispatchError(failure, { ...details, txHash, blockHash: blockHash.toHex() }));
        return;
      }
      resolve({ txHash, blockHash: blockHash.toHex(), events: result.events.map(toChainEvent) });
    };
    tx.send(onStatus).then(
      (u) => {
        if (settled) u();
        else unsub = u;
      },
      (error: unknown) =>
        reject(decodePoolError(error, { ...details }, tx.method.method) ?? mapError(error, client.endpoint)),
    );
  });

  try {
    if (!client.isConnected) throw new ChainDisconnectedError(client.endpoint);
    return await withTimeout(
      included,
      limit,
      `${label} inclusion`,
      () => new ChainTimeoutError(`${label} inclusion`, limit, client.endpoint),
    );
  } finally {
    settled = true;
    offDisconnect?.();
    unsub?.();
  }
}

/** ExtrinsicFailed, or a sudo call whose inner dispatch failed (Sudid with Err). */
function findFailure(events: EventRecord[]): DispatchError | undefined {
  for (const { event } of events) {
    if (event.section === 'system' && event.method === 'ExtrinsicFailed')
      return event.data[0] as DispatchError;
    if (event.section === 'sudo' && (event.method === 'Sudid' || event.method === 'SudoAsDone')) {
      const result = event.data[0] as unknown as { isErr: boolean; asErr: DispatchError };
      if (result.isErr) return result.asErr;
    }
  }
  return undefined;
}

function toChainEvent({ event }: EventRecord): ChainEvent {
  const names = event.meta.fields.map((f, i) => (f.name.isSome ? f.name.unwrap().toString() : String(i)));
  const data: Record<string, unknown> = {};
  event.data.forEach((value, i) => {
    data[names[i] ?? String(i)] = value.toJSON();
  });
  return { section: event.section, method: event.method, data };
}

/** The first event with this section and method (e.g. `subtensorModule`, `NeuronRegistered`). */
export function findEvent(result: SubmitResult, section: string, method: string): ChainEvent | undefined {
  return result.events.find((e) => e.section === section && e.method === method);
}
