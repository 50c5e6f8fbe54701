import { WeightsInputError } from './errors.js';

/** The SDK's default version key: `version_as_int` of bittensor 10.2.0. */
export const DEFAULT_VERSION_KEY = 10002000n;

/** Checks that `uids`/`values` are equal-length u16 vectors (already normalised). */
export function assertU16Vectors(uids: readonly number[], values: readonly number[]): void {
  if (uids.length !== values.length) {
    throw new WeightsInputError(
      'LengthMismatch',
      `uids and weights differ in length (${uids.length} vs ${values.length})`,
    );
  }
  for (const [name, list] of [
    ['uid', uids],
    ['weight', values],
  ] as const) {
    for (const v of list) {
      if (!Number.isInteger(v) || v < 0 || v > 65535) {
        throw new WeightsInputError(
          name === 'uid' ? 'InvalidUid' : 'NonFiniteWeight',
          `${name} ${v} is not a u16; pass the output of normalizeWeights`,
          { [name]: v },
        );
      }
    }
  }
}

export function assertVersionKey(versionKey: bigint): void {
  if (versionKey < 0n || versionKey >= 1n << 64n) {
    throw new WeightsInputError('InvalidVersionKey', `version key ${versionKey} is not a u64`);
  }
}

/** The checks every weights extrinsic starts with; returns the version key to send (SDK default if absent). */
export function checkWeightsArgs(
  uids: readonly number[],
  values: readonly number[],
  versionKey?: bigint,
): bigint {
  assertU16Vectors(uids, values);
  const key = versionKey ?? DEFAULT_VERSION_KEY;
  assertVersionKey(key);
  return key;
}
