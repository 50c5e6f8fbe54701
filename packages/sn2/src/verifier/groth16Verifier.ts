import * as snarkjs from 'snarkjs';
import { z } from 'zod';
import type { Groth16Proof } from './groth16Proof.js';

const decimal = z.string().regex(/^\d+$/);
const g1 = z.array(decimal).length(3);
const g2 = z.array(z.array(decimal).length(2)).length(3);

/** A snarkjs verification key file, parsed at the edge. */
export const VerificationKeySchema = z.object({
  protocol: z.literal('groth16'),
  curve: z.literal('bn128'),
  nPublic: z.number().int().nonnegative(),
  vk_alpha_1: g1,
  vk_beta_2: g2,
  vk_gamma_2: g2,
  vk_delta_2: g2,
  IC: z.array(g1),
});
export type VerificationKey = z.infer<typeof VerificationKeySchema>;

type Curve = snarkjs.Curve;
let curvePromise: Promise<Curve> | undefined;

function bn128(): Promise<Curve> {
  curvePromise ??= snarkjs.curves.getCurveFromName('bn128');
  return curvePromise;
}

/** Releases the curve's WASM threads so a process can exit; the next verify re-creates them. */
export async function releaseCurve(): Promise<void> {
  const p = curvePromise;
  curvePromise = undefined;
  if (p) await (await p).terminate();
}

const big = (s: string): bigint => BigInt(s);
const g1Obj = (p: string[]): bigint[] => p.map(big);
const g2Obj = (p: string[][]): bigint[][] => p.map((c) => c.map(big));

/**
 * A verification key converted once to curve points, so each verify does only the public-input
 * multi-exponentiation and one pairing check: the same equation as snarkjs `groth16.verify`,
 * without re-parsing the key (thousands of IC points for the PoW circuits) per proof.
 */
export class PreparedVerificationKey {
  private constructor(
    readonly nPublic: number,
    private readonly curve: Curve,
    private readonly ic0: Uint8Array,
    private readonly ic: Uint8Array,
    private readonly alpha1: Uint8Array,
    private readonly beta2: Uint8Array,
    private readonly gamma2: Uint8Array,
    private readonly delta2: Uint8Array,
  ) {}

  static async prepare(vk: VerificationKey): Promise<PreparedVerificationKey> {
    if (vk.IC.length !== vk.nPublic + 1) throw new Error('verification key: IC length must be nPublic + 1');
    const curve = await bn128();
    const n8 = curve.G1.F.n8 * 2;
    const ic = new Uint8Array(n8 * vk.nPublic);
    for (let i = 0; i < vk.nPublic; i++) ic.set(curve.G1.fromObject(g1Obj(vk.IC[i + 1]!)), i * n8);
    return new PreparedVerificationKey(
      vk.nPublic,
      curve,
      curve.G1.fromObject(g1Obj(vk.IC[0]!)),
      ic,
      curve.G1.fromObject(g1Obj(vk.vk_alpha_1)),
      curve.G2.fromObject(g2Obj(vk.vk_beta_2)),
      curve.G2.fromObject(g2Obj(vk.vk_gamma_2)),
      curve.G2.fromObject(g2Obj(vk.vk_delta_2)),
    );
  }

  /** True iff the proof is valid for these public signals. Invalid points give false, not a throw. */
  async verify(proof: Groth16Proof, publicSignals: readonly bigint[]): Promise<boolean> {
    const { curve } = this;
    if (publicSignals.length !== this.nPublic) return false;
    const frN8 = curve.Fr.n8;
    const scalars = new Uint8Array(frN8 * publicSignals.length);
    for (let i = 0; i < publicSignals.length; i++) {
      const s = publicSignals[i]!;
      if (s < 0n || s >= curve.r) return false;
      writeLE(scalars, i * frN8, s, frN8);
    }
    let piA: Uint8Array;
    let piB: Uint8Array;
    let piC: Uint8Array;
    try {
      piA = curve.G1.fromObject(g1Obj(proof.pi_a));
      piB = curve.G2.fromObject(g2Obj(proof.pi_b));
      piC = curve.G1.fromObject(g1Obj(proof.pi_c));
    } catch {
      return false;
    }
    if (!curve.G1.isValid(piA) || !curve.G2.isValid(piB) || !curve.G1.isValid(piC)) return false;
    const cpub =
      publicSignals.length === 0
        ? this.ic0
        : curve.G1.add(await curve.G1.multiExpAffine(this.ic, scalars), this.ic0);
    return curve.pairingEq(
      curve.G1.neg(piA),
      piB,
      cpub,
      this.gamma2,
      piC,
      this.delta2,
      this.alpha1,
      this.beta2,
    );
  }
}

function writeLE(buf: Uint8Array, offset: number, value: bigint, n8: number): void {
  let v = value;
  for (let i = 0; i < n8; i++) {
    buf[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}
