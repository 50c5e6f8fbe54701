import { MLP_INPUTS } from '../circuits/catalog.js';
import { cryptoRng, type Rng } from './random.js';

/** Inputs of the MLP circuit: fixed point with 16 fractional bits, plus a 32-bit nonce. */
export interface MlpInputs {
  list_items: number[];
  nonce: number;
}

// The model baked into circuits/mlp.circom; keep both in step (a test compares them).
const W1 = [
  [-78, -93, 124, 100, -19],
  [15, 43, -21, 16, 6],
  [65, 70, 50, -96, 115],
  [93, 81, -122, 56, 127],
  [-13, -100, -55, -48, -69],
  [-89, 21, 64, -100, -105],
  [109, 71, 12, -40, 85],
  [77, 107, -114, -19, 121],
];
const B1 = [-49964, -704824, -3305035, 4144210, 1976380, 2086246, -1991353, -214587];
const W2 = [
  [105, 114, 58, -15, -42, -10, -39, -104],
  [-1, -90, 94, -58, 35, -51, -50, -34],
];
const B2 = [2647779, 2418408];

export const MLP_INPUT_SCALE = 2 ** 16;

/** Benchmark input: 5 values uniform in [0, 0.85] (the reference's LSTM rule) and a fresh nonce. */
export function generateMlpInputs(rng: Rng = cryptoRng): MlpInputs {
  const list_items = Array.from({ length: MLP_INPUTS }, () =>
    Math.round(rng.uniform() * 0.85 * MLP_INPUT_SCALE),
  );
  return { list_items, nonce: rng.int(0, 2 ** 32 - 1) };
}

/** The MLP in integer arithmetic; outputs are signed integers at scale 2^23, as the circuit's. */
export function mlpForward(listItems: readonly number[]): bigint[] {
  const x = listItems.map(BigInt);
  const hidden = W1.map((row, j) => {
    const z = row.reduce((acc, w, i) => acc + BigInt(w) * x[i]!, BigInt(B1[j]!));
    return z > 0n ? z >> 7n : 0n;
  });
  return W2.map((row, k) => row.reduce((acc, w, j) => acc + BigInt(w) * hidden[j]!, BigInt(B2[k]!)));
}
