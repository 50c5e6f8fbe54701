// One place that owns the sr25519 backend. Keys and signatures: @polkadot/wasm-crypto (schnorrkel
// 0.9 compiled to WASM, ~7x util-crypto's pure-JS path). Verification, which axons run per request:
// @polkadot-labs/schnorrkel-wasm (schnorrkel 0.11 on curve25519-dalek 4, same checks, ~2x faster
// again), see verifyFast below. Secrets handled here are in polkadot's "ed25519 form"
// (scalar × 8 ‖ nonce), see privateKey.ts.
import { ristretto255 } from '@noble/curves/ed25519';
import {
  sr25519KeypairFromSeed,
  waitReady,
  sr25519Sign as wasmSign,
  sr25519Verify as wasmVerify,
} from '@polkadot/wasm-crypto';
import { sr25519_verify as fastVerify } from '@polkadot-labs/schnorrkel-wasm';

if (!(await waitReady())) {
  throw new Error('@polkadot/wasm-crypto failed to initialise (WebAssembly unavailable?)');
}

export const PUBLIC_KEY_LENGTH = 32;
export const SECRET_KEY_LENGTH = 64;
export const SIGNATURE_LENGTH = 64;
export const SEED_LENGTH = 32;

export interface RawPair {
  /** 64 bytes, ed25519 form. */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function pairFromSeed(miniSecret: Uint8Array): RawPair {
  const full = sr25519KeypairFromSeed(miniSecret);
  return { secretKey: full.slice(0, 64), publicKey: full.slice(64, 96) };
}

/** Signing context "substrate" is fixed inside wasm-crypto, matching btwallet and polkadot.js. */
export function sign(pair: RawPair, message: Uint8Array): Uint8Array {
  return wasmSign(pair.publicKey, pair.secretKey, message);
}

// schnorrkel-wasm panics (a WASM trap) where wasm-crypto answers false: a signature without the
// schnorrkel marker bit or with a non-canonical scalar, a public key that is no ristretto point. A
// trap leaves that WASM instance's stack pointer behind; ~1,200 of them and every later call fails
// with "memory access out of bounds". So both are checked here first, with schnorrkel 0.11's exact
// rules (Signature::from_bytes + check_scalar, PublicKey::from_bytes = ristretto decompression), and
// a panic that slips through anyway retires the fast path for good.

// The group order l = 2^252 + 27742317777372353535851937790883648493, little-endian.
const L = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

/** Whether schnorrkel's `Signature::from_bytes` accepts these 64 bytes (marker bit, canonical s). */
export function signatureWellFormed(sig: Uint8Array): boolean {
  if (sig.length !== SIGNATURE_LENGTH) return false;
  const top = sig[63]!;
  if ((top & 0x80) === 0) return false;
  // With the marker cleared, s < 2^252 < l when its top 4 bits are clear (check_scalar's shortcut).
  if ((top & 0x70) === 0) return true;
  for (let i = 31; i >= 0; i--) {
    const b = i === 31 ? top & 0x7f : sig[32 + i]!;
    if (b !== L[i]) return b < L[i]!;
  }
  return false;
}

/** Whether 32 bytes are a canonical ristretto255 encoding (schnorrkel's `PublicKey::from_bytes`). */
export function isRistrettoPoint(key: Uint8Array): boolean {
  if (key.length !== PUBLIC_KEY_LENGTH) return false;
  try {
    ristretto255.Point.fromBytes(key);
    return true;
  } catch {
    return false;
  }
}

// Decompressing in JS costs about one verify, so the answer is kept per key array (callers such as
// the axon hand in the same decoded key each time); the bytes are compared too, in case an array
// is reused for another key.
const checkedKeys = new WeakMap<Uint8Array, { bytes: Uint8Array; ok: boolean }>();

function publicKeyWellFormed(key: Uint8Array): boolean {
  const hit = checkedKeys.get(key);
  if (hit !== undefined && sameBytes(hit.bytes, key)) return hit.ok;
  const ok = isRistrettoPoint(key);
  checkedKeys.set(key, { bytes: key.slice(), ok });
  return ok;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let fastRetired = false;

/** Which library checks signatures now (the fast one unless it ever trapped). */
export function verifyBackend(): 'schnorrkel-wasm' | 'wasm-crypto' {
  return fastRetired ? 'wasm-crypto' : 'schnorrkel-wasm';
}

export function verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  if (!fastRetired) {
    // Malformed input: false, exactly what wasm-crypto answers (its from_bytes fails the same way).
    if (!signatureWellFormed(signature) || !publicKeyWellFormed(publicKey)) return false;
    try {
      return fastVerify(publicKey, message, signature);
    } catch {
      fastRetired = true;
    }
  }
  return verifyWasmCrypto(message, signature, publicKey);
}

/** The same check on @polkadot/wasm-crypto alone (the fallback, and the benches' reference). */
export function verifyWasmCrypto(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  try {
    return wasmVerify(signature, message, publicKey);
  } catch {
    return false;
  }
}
