import * as snarkjs from 'snarkjs';
import { FIELD_MODULUS } from './field.js';

type Lc = Map<number, bigint>;

/** An R1CS loaded for direct evaluation: every constraint is A·w × B·w = C·w (mod p). */
export interface LoadedR1cs {
  nVars: number;
  nOutputs: number;
  nPubInputs: number;
  constraints: Array<[Lc, Lc, Lc]>;
}

export async function loadR1cs(r1csPath: string): Promise<LoadedR1cs> {
  const json = await snarkjs.r1cs.exportJson(r1csPath);
  const lc = (m: Record<string, string>): Lc =>
    new Map(Object.entries(m).map(([k, v]) => [Number(k), BigInt(v)]));
  return {
    nVars: json.nVars,
    nOutputs: json.nOutputs,
    nPubInputs: json.nPubInputs,
    constraints: json.constraints.map(([a, b, c]) => [lc(a), lc(b), lc(c)]),
  };
}

function evalLc(lc: Lc, w: readonly bigint[]): bigint {
  let acc = 0n;
  for (const [i, coef] of lc) acc += coef * w[i]!;
  return acc % FIELD_MODULUS;
}

/** Indexes of constraints the witness violates (empty when it satisfies the system). */
export function unsatisfiedConstraints(r1cs: LoadedR1cs, witness: readonly bigint[]): number[] {
  const bad: number[] = [];
  r1cs.constraints.forEach(([a, b, c], i) => {
    const lhs = (evalLc(a, witness) * evalLc(b, witness)) % FIELD_MODULUS;
    if (lhs !== evalLc(c, witness)) bad.push(i);
  });
  return bad;
}

/** Wires that appear in no constraint with a non-zero coefficient: values a prover may pick freely. */
export function freeWires(r1cs: LoadedR1cs): number[] {
  const used = new Set<number>([0]);
  for (const parts of r1cs.constraints) {
    for (const lc of parts) for (const [i, coef] of lc) if (coef % FIELD_MODULUS !== 0n) used.add(i);
  }
  return Array.from({ length: r1cs.nVars }, (_, i) => i).filter((i) => !used.has(i));
}
