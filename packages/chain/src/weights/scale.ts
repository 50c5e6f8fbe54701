import { compactToU8a, u8aConcat } from '@polkadot/util';

// Tiny SCALE writers for the fixed shapes we hash or encrypt: keeping them explicit makes the bytes
// independent of whatever type registry a client happens to have loaded.

export function encodeU16(value: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, true);
  return out;
}

export function encodeU64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

export function encodeVecU16(values: readonly number[]): Uint8Array {
  return u8aConcat(compactToU8a(values.length), ...values.map(encodeU16));
}

export function encodeBytes(bytes: Uint8Array): Uint8Array {
  return u8aConcat(compactToU8a(bytes.length), bytes);
}

/** `SubtensorModule.set_weights` call bytes (pallet 7, call 0 as of the runtimes we know). */
export function encodeSetWeightsCall(
  args: { netuid: number; uids: readonly number[]; weights: readonly number[]; versionKey: bigint },
  index: { pallet: number; call: number } = { pallet: 7, call: 0 },
): Uint8Array {
  return u8aConcat(
    Uint8Array.of(index.pallet, index.call),
    encodeU16(args.netuid),
    encodeVecU16(args.uids),
    encodeVecU16(args.weights),
    encodeU64(args.versionKey),
  );
}
