import { decodeAddress } from '@polkadot/util-crypto';

export function isValidAddress(address: string): boolean {
  try {
    return decodeAddress(address).length === 32;
  } catch {
    return false;
  }
}
