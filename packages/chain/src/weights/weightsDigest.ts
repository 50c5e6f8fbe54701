import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { encodeU16, encodeU64, encodeVecU16 } from './scale.js';

/** Identity of one weights submission: same netuid, uids, values and version key → same digest. */
export function weightsDigest(args: {
  netuid: number;
  uids: readonly number[];
  values: readonly number[];
  versionKey: bigint;
}): string {
  return u8aToHex(
    blake2AsU8a(
      u8aConcat(
        encodeU16(args.netuid),
        encodeVecU16(args.uids),
        encodeVecU16(args.values),
        encodeU64(args.versionKey),
      ),
      128,
    ),
  );
}
