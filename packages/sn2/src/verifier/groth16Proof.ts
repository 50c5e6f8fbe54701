import { z } from 'zod';
import { FIELD_MODULUS } from '../zk/field.js';

const decimal = z.string().regex(/^\d{1,80}$/, 'a decimal integer string');

/** snarkjs `proof.json` for Groth16 on bn128, the CIRCOM proof encoding of spec §2.1. */
export const Groth16ProofSchema = z.object({
  pi_a: z.array(decimal).length(3),
  pi_b: z.array(z.array(decimal).length(2)).length(3),
  pi_c: z.array(decimal).length(3),
  protocol: z.literal('groth16'),
  curve: z.literal('bn128'),
});
export type Groth16Proof = z.infer<typeof Groth16ProofSchema>;

/** snarkjs `public.json`: decimal field elements, outputs first. */
export const PublicSignalsSchema = z
  .array(decimal)
  .refine(
    (a) => a.every((s) => BigInt(s) < FIELD_MODULUS),
    'every public signal must be below the field modulus',
  );

/** Proof size used in scoring (spec §2.1): characters of every pi_a, pi_b, pi_c element. */
export function circomProofSize(proof: Groth16Proof): number {
  return [...proof.pi_a, ...proof.pi_b.flat(), ...proof.pi_c].reduce((n, s) => n + s.length, 0);
}
