import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { WeightsInputError } from './errors.js';
import { hotkeyBytes } from './hotkeyBytes.js';
import { encodeU16, encodeU64, encodeVecU16 } from './scale.js';

/** Storage index of a (subnet, mechanism) pair: `mecid × 4096 + netuid` (= netuid for mechanism 0). */
export function netuidIndex(netuid: number, mecid = 0): number {
  return mecid * 4096 + netuid;
}

export interface CommitHashParams {
  /** The committing hotkey: SS58 address or its 32 public-key bytes. */
  hotkey: string | Uint8Array;
  netuid: number;
  mecid?: number;
  /** Already-normalised u16 uids/values: exactly what will be revealed. */
  uids: readonly number[];
  values: readonly number[];
  salt: readonly number[];
  versionKey: bigint;
}

function checkU16s(name: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 65535) {
      throw new WeightsInputError(
        name === 'salt' ? 'InvalidSalt' : 'InvalidUid',
        `${name} entry ${v} is not a u16`,
        {
          field: name,
        },
      );
    }
  }
}

/** SCALE of `(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)`: what the runtime hashes on reveal. */
export function commitPreimage(params: CommitHashParams): Uint8Array {
  checkU16s('uids', params.uids);
  checkU16s('values', params.values);
  checkU16s('salt', params.salt);
  if (params.versionKey < 0n || params.versionKey >= 1n << 64n) {
    throw new WeightsInputError('InvalidVersionKey', `version key ${params.versionKey} is not a u64`);
  }
  return u8aConcat(
    hotkeyBytes(params.hotkey),
    encodeU16(netuidIndex(params.netuid, params.mecid)),
    encodeVecU16(params.uids),
    encodeVecU16(params.values),
    encodeVecU16(params.salt),
    encodeU64(params.versionKey),
  );
}

/** Commit-reveal v2 hash: BLAKE2b-256 of `commitPreimage`, as the `H256` for `commit_weights`. */
export function commitHash(params: CommitHashParams): `0x${string}` {
  return u8aToHex(blake2AsU8a(commitPreimage(params), 256));
}
