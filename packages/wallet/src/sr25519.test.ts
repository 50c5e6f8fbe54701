// The verifier on the request path (schnorrkel-wasm, behind well-formedness checks) must answer
// exactly as @polkadot/wasm-crypto does, on the spec vectors, on signatures from both signers we
// know (wasm-crypto and util-crypto's pure JS), and on every kind of tampering — and must never
// reach schnorrkel-wasm with input that makes it trap.
import { ristretto255 } from '@noble/curves/ed25519';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady, sr25519PairFromSeed, sr25519Sign } from '@polkadot/util-crypto';
import { sr25519_verify as rawFastVerify } from '@polkadot-labs/schnorrkel-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Keypair } from './keypair.js';
import { isRistrettoPoint, signatureWellFormed, verify, verifyBackend, verifyWasmCrypto } from './sr25519.js';
import { ss58Decode } from './ss58.js';

// Spec §5 V4 (signed by the Python SDK's keypair for V1's mnemonic).
const V4_MESSAGE = new TextEncoder().encode(
  '1700000000000000000.5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a.a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a',
);
const V4_SIGNATURE = hexToU8a(
  '0xbcead97511bdbe5204b628c36a753529649e3b6a248df00ef5016140a2ca0f707fe90a214fec37dcf6cd635f8ae1d56af7e019089992e7da63366681d5b55c87',
);
const V1_PUBLIC = ss58Decode('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');
const V1_SEED = '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143';

// Deterministic "random" bytes (the test must not depend on luck).
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Whether schnorrkel-wasm traps on this input (its own parsing of key and signature). */
function fastTraps(key: Uint8Array, sig: Uint8Array): boolean {
  try {
    rawFastVerify(key, new Uint8Array(1), sig);
    return false;
  } catch {
    return true;
  }
}

beforeAll(async () => {
  await cryptoWaitReady();
  // schnorrkel-wasm's panic hook prints each trap provoked below.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('sr25519 verify (schnorrkel-wasm with wasm-crypto semantics)', () => {
  it('accepts the Python SDK vector and rejects it tampered', () => {
    expect(verify(V4_MESSAGE, V4_SIGNATURE, V1_PUBLIC)).toBe(true);
    expect(verifyWasmCrypto(V4_MESSAGE, V4_SIGNATURE, V1_PUBLIC)).toBe(true);
    const msg = V4_MESSAGE.slice();
    msg[0] ^= 1;
    expect(verify(msg, V4_SIGNATURE, V1_PUBLIC)).toBe(false);
    expect(verify(V4_MESSAGE, V4_SIGNATURE, Keypair.fromUri('//Alice').publicKey)).toBe(false);
  });

  it('accepts signatures made by wasm-crypto and by util-crypto (pure JS)', () => {
    const kp = Keypair.fromSeed(V1_SEED);
    const pair = sr25519PairFromSeed(V1_SEED);
    for (let i = 0; i < 20; i++) {
      const m = bytes(1 + i * 13, i + 1);
      expect(verify(m, kp.sign(m), kp.publicKey)).toBe(true);
      expect(verify(m, sr25519Sign(m, pair), pair.publicKey)).toBe(true);
    }
  });

  it('answers as wasm-crypto on every single-bit change of message, signature and key', () => {
    const kp = Keypair.fromSeed(V1_SEED);
    const m = bytes(40, 7);
    const sig = kp.sign(m);
    let trueCount = 0;
    for (let bit = 0; bit < 64 * 8; bit++) {
      const s = sig.slice();
      s[bit >> 3] ^= 1 << (bit & 7);
      const want = verifyWasmCrypto(m, s, kp.publicKey);
      expect(verify(m, s, kp.publicKey)).toBe(want);
      if (want) trueCount++;
    }
    for (let bit = 0; bit < 32 * 8; bit++) {
      const k = kp.publicKey.slice();
      k[bit >> 3] ^= 1 << (bit & 7);
      expect(verify(m, sig, k)).toBe(verifyWasmCrypto(m, sig, k));
      const mm = m.slice();
      if (bit < 40 * 8) {
        mm[bit >> 3] ^= 1 << (bit & 7);
        expect(verify(mm, sig, kp.publicKey)).toBe(false);
      }
    }
    expect(trueCount).toBe(0);
    expect(verify(m, sig.subarray(0, 63), kp.publicKey)).toBe(false);
    expect(verify(m, sig, kp.publicKey.subarray(0, 31))).toBe(false);
    expect(verifyBackend()).toBe('schnorrkel-wasm');
  });

  it('traps exactly where the well-formedness checks say no (so they keep it from trapping)', () => {
    const key = Keypair.fromSeed(V1_SEED).publicKey;
    const goodSig = Keypair.fromSeed(V1_SEED).sign(new Uint8Array(1));
    // Scalars around the group order l and the 2^252 shortcut, marker bit set.
    const l = hexToU8a('0xedd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
    const scalars: Uint8Array[] = [l, new Uint8Array(32), new Uint8Array(32).fill(0xff)];
    const lMinus1 = l.slice();
    lMinus1[0] -= 1;
    const lPlus1 = l.slice();
    lPlus1[0] += 1;
    const twoTo252 = new Uint8Array(32);
    twoTo252[31] = 0x10;
    scalars.push(lMinus1, lPlus1, twoTo252);
    for (let i = 0; i < 12; i++) scalars.push(bytes(32, 100 + i));
    let traps = 0;
    for (const s of scalars) {
      for (const marker of [0, 0x80]) {
        const sig = goodSig.slice();
        sig.set(s, 32);
        sig[63] = (sig[63]! & 0x7f) | marker;
        const wellFormed = signatureWellFormed(sig);
        expect(fastTraps(key, sig)).toBe(!wellFormed);
        if (!wellFormed) traps++;
      }
    }
    // Keys: real ones, encodings of random points, random bytes (most are no ristretto point).
    const keys: Uint8Array[] = [key, Keypair.fromUri('//Bob').publicKey];
    for (let i = 0; i < 6; i++) keys.push(ristretto255.Point.BASE.multiply(BigInt(i + 2) ** 40n).toBytes());
    for (let i = 0; i < 24; i++) keys.push(bytes(32, 500 + i));
    for (const k of keys) {
      const valid = isRistrettoPoint(k);
      expect(fastTraps(k, goodSig)).toBe(!valid);
      if (!valid) traps++;
    }
    // Well under the ~1,200 traps after which an instance is unusable; both kinds were exercised.
    expect(traps).toBeGreaterThan(10);
    expect(traps).toBeLessThan(100);
  });
});
