import { decodeAddress } from '@polkadot/util-crypto';

/** 32-byte public key from an SS58 address, a 0x-hex key, or the bytes themselves. */
export function hotkeyBytes(hotkey: string | Uint8Array): Uint8Array {
  const bytes = typeof hotkey === 'string' ? decodeAddress(hotkey) : hotkey;
  if (bytes.length !== 32) throw new TypeError(`hotkey must be 32 bytes, got ${bytes.length}`);
  return bytes;
}
