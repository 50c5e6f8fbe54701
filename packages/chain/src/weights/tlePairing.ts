import { bls12_381 } from '@noble/curves/bls12-381';

// The chain decrypts timelocked commits with the Rust `tle` crate, which hashes the pairing value
// e(Q_id, r·P_pub) as arkworks computes and serialises it. arkworks' final exponentiation (eprint
// 2020/875) yields the cube of the textbook pairing; noble's does too. `arkFinalExponentiation`
// rebuilds arkworks' steps on noble's Miller loop so a test can hold the two libraries together.

const { Fp12 } = bls12_381.fields;
type Gt = ReturnType<typeof Fp12.mul>;
type G1Point = ReturnType<typeof bls12_381.G1.ProjectivePoint.fromHex>;
type G2Point = ReturnType<typeof bls12_381.G2.ProjectivePoint.fromHex>;

/** |x| of BLS12-381; x is negative. */
const BLS_X = 0xd201000000010000n;

/** f^x for the negative curve parameter x, in the cyclotomic subgroup. */
function expByX(f: Gt): Gt {
  return Fp12.conjugate(Fp12._cyclotomicExp(f, BLS_X));
}

/** arkworks' `Bls12::final_exponentiation`. */
export function arkFinalExponentiation(f: Gt): Gt {
  let r = Fp12.mul(Fp12.conjugate(f), Fp12.inv(f)); // f^(p^6 - 1)
  r = Fp12.mul(Fp12.frobeniusMap(r, 2), r); // ^(p^2 + 1)
  let y0 = Fp12._cyclotomicSquare(r);
  let y1 = Fp12.mul(expByX(r), Fp12.conjugate(r));
  let y2 = expByX(y1);
  y1 = Fp12.mul(Fp12.conjugate(y1), y2);
  y2 = expByX(y1);
  y1 = Fp12.mul(Fp12.frobeniusMap(y1, 1), y2);
  r = Fp12.mul(r, y0);
  y0 = expByX(y1);
  y2 = expByX(y0);
  y0 = Fp12.frobeniusMap(y1, 2);
  y1 = Fp12.mul(Fp12.mul(Fp12.conjugate(y1), y2), y0);
  return Fp12.mul(r, y1);
}

/** The pairing value the `tle` crate uses: arkworks' e(p, q), equal to noble's (see the test). */
export function arkPairing(p: G1Point, q: G2Point): Gt {
  return bls12_381.pairing(p, q);
}

/** arkworks `serialize_compressed` of an Fp12: the 12 base-field coefficients in tower order, each 48 bytes LE. */
export function serializeGt(x: Gt): Uint8Array {
  const out = new Uint8Array(12 * 48);
  let offset = 0;
  for (const fp6 of [x.c0, x.c1]) {
    for (const fp2 of [fp6.c0, fp6.c1, fp6.c2]) {
      for (const fp of [fp2.c0, fp2.c1]) {
        let v = fp;
        for (let i = 0; i < 48; i++) {
          out[offset + i] = Number(v & 0xffn);
          v >>= 8n;
        }
        offset += 48;
      }
    }
  }
  return out;
}
