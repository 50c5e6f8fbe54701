import { ss58Decode, verifySignature } from '@taonode/wallet';
import type { VerifyPool } from './verifyPool.js';

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{128}$/;
const encoder = new TextEncoder();
// A handful of validator hotkeys send nearly all requests: skip re-decoding their ss58.
const keys = new Map<string, Uint8Array>();
const KEYS_MAX = 4096;

function publicKeyOf(hotkey: string): Uint8Array | undefined {
  const hit = keys.get(hotkey);
  if (hit !== undefined) return hit;
  let key: Uint8Array;
  try {
    key = ss58Decode(hotkey);
  } catch {
    return undefined;
  }
  if (keys.size >= KEYS_MAX) keys.clear();
  keys.set(hotkey, key);
  return key;
}

/**
 * Verifies a dendrite signature (§1.6). Inline it is the wallet's `verifySignature`, whose
 * backend is @polkadot/wasm-crypto's sr25519Verify (~7x the pure-JS util-crypto path); with a
 * pool the same WASM function runs on worker threads. Never throws on malformed input.
 */
export function checkSignature(
  message: string,
  signature: string,
  hotkey: string,
  pool: VerifyPool | undefined,
): boolean | Promise<boolean> {
  if (!SIGNATURE_HEX.test(signature)) return false;
  if (pool === undefined) return verifySignature(message, signature, hotkey);
  const publicKey = publicKeyOf(hotkey);
  if (publicKey === undefined) return false;
  return pool.verify(encoder.encode(message), Buffer.from(signature.slice(2), 'hex'), publicKey);
}
