import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { InvalidAddressError } from './errors.js';

/** Bittensor uses the generic substrate prefix. */
export const SS58_PREFIX = 42;

export function ss58Encode(publicKey: Uint8Array, prefix: number = SS58_PREFIX): string {
  if (publicKey.length !== 32)
    throw new InvalidAddressError(`public key must be 32 bytes, got ${publicKey.length}`);
  return encodeAddress(publicKey, prefix);
}

/** Decodes an ss58 address (any prefix, checksum verified) to its 32-byte public key. */
export function ss58Decode(address: string): Uint8Array {
  if (typeof address !== 'string' || address.length === 0 || address.startsWith('0x')) {
    throw new InvalidAddressError('not an ss58 string');
  }
  let key: Uint8Array;
  try {
    key = decodeAddress(address);
  } catch (err) {
    throw new InvalidAddressError(err instanceof Error ? err.message : 'cannot decode');
  }
  if (key.length !== 32) throw new InvalidAddressError(`decodes to ${key.length} bytes, expected 32`);
  return key;
}

export function isSs58Address(address: string): boolean {
  try {
    ss58Decode(address);
    return true;
  } catch {
    return false;
  }
}
