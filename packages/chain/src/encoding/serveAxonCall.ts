import { u8aConcat, u8aToHex } from '@polkadot/util';
import type { EncodedIp } from './axonIp.js';

/** SubtensorModule pallet index and serve_axon call index (spec §3.3, stable since launch). */
export const SUBTENSOR_PALLET_INDEX = 7;
export const SERVE_AXON_CALL_INDEX = 4;
/** What the Python SDK sends as `protocol`. */
export const AXON_PROTOCOL = 4;

export interface ServeAxonArgs extends EncodedIp {
  netuid: number;
  /** `version_as_int` of the software, e.g. 10002000 for 10.2.0. */
  version: number;
  port: number;
  protocol?: number;
}

/**
 * The SCALE call bytes of serve_axon without metadata: used offline to check the encoding (vector V7)
 * and to compare with what polkadot.js builds from the live metadata.
 */
export function encodeServeAxonCall(args: ServeAxonArgs): string {
  return u8aToHex(
    u8aConcat(
      [SUBTENSOR_PALLET_INDEX, SERVE_AXON_CALL_INDEX],
      le(BigInt(args.netuid), 2),
      le(BigInt(args.version), 4),
      le(args.ip, 16),
      le(BigInt(args.port), 2),
      [args.ipType, args.protocol ?? AXON_PROTOCOL, 0, 0],
    ),
  );
}

function le(value: bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** `10.2.0` → 10002000, the SDK's `version_as_int`. */
export function versionAsInt(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  return major * 1_000_000 + minor * 1_000 + patch;
}
