// One place that owns the sr25519 backend: @polkadot/wasm-crypto (schnorrkel compiled to WASM).
// It is ~7x faster than util-crypto's pure-JS path, and axon signature checks sit on a hot path.
// Secrets handled here are in polkadot's "ed25519 form" (scalar × 8 ‖ nonce), see privateKey.ts.
import {
  sr25519KeypairFromSeed,
  waitReady,
  sr25519Sign as wasmSign,
  sr25519Verify as wasmVerify,
} from '@polkadot/wasm-crypto';

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

export function verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  try {
    return wasmVerify(signature, message, publicKey);
  } catch {
    return false;
  }
}
