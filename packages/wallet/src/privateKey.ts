// The privateKey trap (spec §2.2): polkadot.js/@polkadot/wasm-crypto hold the 64-byte sr25519
// secret in "ed25519 form" (scalar × 8 ‖ nonce); btwallet keyfiles store schnorrkel's canonical
// form (scalar ‖ nonce). The scalar is a 32-byte little-endian integer; the nonce half is unchanged.

function readLe(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function writeLe(n: bigint, out: Uint8Array): void {
  let v = n;
  for (let i = 0; i < out.length; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export function ed25519FormToCanonical(secret: Uint8Array): Uint8Array {
  const out = secret.slice();
  writeLe(readLe(secret.subarray(0, 32)) / 8n, out.subarray(0, 32));
  return out;
}

export function canonicalToEd25519Form(secret: Uint8Array): Uint8Array {
  const out = secret.slice();
  // A canonical scalar is below the group order (< 2^253), so × 8 still fits in 32 bytes.
  writeLe((readLe(secret.subarray(0, 32)) * 8n) & ((1n << 256n) - 1n), out.subarray(0, 32));
  return out;
}
