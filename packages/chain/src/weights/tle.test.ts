import { bls12_381 } from '@noble/curves/bls12-381';
import { describe, expect, it } from 'vitest';
import { timelockDecrypt, timelockEncrypt, verifyRoundSignature } from './tle.js';
import { arkFinalExponentiation, arkPairing } from './tlePairing.js';

// drand quicknet round 1000 (core spec §3.8): a real beacon signature.
const ROUND = 1000;
const SIGNATURE =
  'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39';

describe('timelock encryption to drand quicknet (core spec §3.8 step 5)', () => {
  it('derives the round identity drand signs (the real round-1000 signature verifies)', () => {
    expect(verifyRoundSignature(ROUND, SIGNATURE)).toBe(true);
    expect(verifyRoundSignature(ROUND + 1, SIGNATURE)).toBe(false);
  });

  it('pairs as arkworks does: its final exponentiation, ported, equals noble and is the cube of the textbook one', () => {
    const { Fp12, Fp, Fr } = bls12_381.fields;
    const p = bls12_381.G1.ProjectivePoint.BASE.multiply(7n);
    const q = bls12_381.G2.ProjectivePoint.BASE.multiply(11n);
    const miller = bls12_381.pairing(p, q, false);
    const ark = arkFinalExponentiation(miller);
    expect(Fp12.eql(ark, arkPairing(p, q))).toBe(true);
    const textbook = Fp12.pow(miller, (Fp.ORDER ** 12n - 1n) / Fr.ORDER);
    expect(Fp12.eql(ark, Fp12.pow(textbook, 3n))).toBe(true);
  });

  it('round-trips with the real beacon signature; a wrong round or key does not open it', () => {
    const plaintext = new TextEncoder().encode('weights for round 1000');
    const ct = timelockEncrypt(plaintext, ROUND);
    // u (96) + v, w (8 + 32 each) + body (8 + [8 + n + 16] + [8 + 12]) + suite (8 + 8)
    expect(ct.length).toBe(96 + 80 + 8 + 8 + plaintext.length + 16 + 20 + 16);
    expect(new TextDecoder().decode(timelockDecrypt(ct, SIGNATURE))).toBe('weights for round 1000');
    const other = timelockEncrypt(plaintext, ROUND + 1);
    expect(() => timelockDecrypt(other, SIGNATURE)).toThrow(/does not open/);
  });
});
