import { hexToU8a } from '@polkadot/util';
import { messageBytes } from './keypair.js';
import { verify } from './sr25519.js';
import { ss58Decode } from './ss58.js';

// Axons verify every request against a small set of dendrite hotkeys: remembering decoded
// addresses saves a base58 decode + blake2b checksum per call.
const decoded = new Map<string, Uint8Array>();
const DECODED_MAX = 4096;

function signerKey(signer: Uint8Array | string): Uint8Array | undefined {
  if (typeof signer !== 'string') return signer;
  if (signer.startsWith('0x')) return /^0x[0-9a-fA-F]{64}$/.test(signer) ? hexToU8a(signer) : undefined;
  const hit = decoded.get(signer);
  if (hit !== undefined) return hit;
  let key: Uint8Array;
  try {
    key = ss58Decode(signer);
  } catch {
    return undefined;
  }
  if (decoded.size >= DECODED_MAX) decoded.clear();
  decoded.set(signer, key);
  return key;
}

function signatureBytes(signature: Uint8Array | string): Uint8Array | undefined {
  if (typeof signature !== 'string') return signature;
  return /^0x[0-9a-fA-F]{128}$/.test(signature) ? hexToU8a(signature) : undefined;
}

/**
 * sr25519 signature check. `signature` may be bytes or 0x-hex; `signer` a 32-byte public key,
 * 0x-hex public key or an ss58 address. Malformed input of any kind returns false (never throws),
 * so it is safe on a request path.
 */
export function verifySignature(
  message: Uint8Array | string,
  signature: Uint8Array | string,
  signer: Uint8Array | string,
): boolean {
  const sig = signatureBytes(signature);
  const key = signerKey(signer);
  if (sig === undefined || key === undefined) return false;
  return verify(messageBytes(message), sig, key);
}
