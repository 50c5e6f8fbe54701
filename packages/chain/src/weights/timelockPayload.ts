import { u8aConcat } from '@polkadot/util';
import { hotkeyBytes } from './hotkeyBytes.js';
import { encodeBytes, encodeU64, encodeVecU16 } from './scale.js';

/**
 * Plaintext of a CRv4 timelocked commit: SCALE `WeightsTlockPayload { hotkey: Vec<u8>, uids,
 * values, version_key }`. This is what would be IBE-encrypted to a drand round; the encryption
 * itself is not implemented (see `TimelockUnavailableError`).
 */
export function timelockPayload(params: {
  hotkey: string | Uint8Array;
  uids: readonly number[];
  values: readonly number[];
  versionKey: bigint;
}): Uint8Array {
  return u8aConcat(
    encodeBytes(hotkeyBytes(params.hotkey)),
    encodeVecU16(params.uids),
    encodeVecU16(params.values),
    encodeU64(params.versionKey),
  );
}
