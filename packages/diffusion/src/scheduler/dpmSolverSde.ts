import type { Schedule } from './karrasSchedule.js';

/**
 * The coefficients of one step of SDE-DPM-Solver++ (order ≤ 2, midpoint) in this form:
 *
 *   x_{k+1} = A·x_k + B·x0_k + C·(x0_k − x0_{k−1}) + E·z_k
 *
 * with x0_k = (x_k − s_k·ε_k)/α_k the data prediction from the guided noise prediction ε_k, z_k the
 * step's Gaussian draw, and C = 0 on first-order steps. Derivation in docs/sn30.md.
 */
export interface StepCoefficients {
  order: 1 | 2;
  /** 1/α_k and s_k/α_k: x0 = x·invAlpha − eps·sOverAlpha. */
  invAlpha: number;
  sOverAlpha: number;
  A: number;
  B: number;
  C: number;
  E: number;
  /** σ_{k+1} = 0: the step returns x0 and draws no noise that matters (E = 0). */
  final: boolean;
}

function alphaOf(sigma: number): number {
  return 1 / Math.sqrt(sigma * sigma + 1);
}

/**
 * Coefficients of step k (0-based) of an N-step schedule. Order 2 needs the previous step's x0, so
 * step 0 is first order; the last step is first order too (diffusers' lower_order_final, forced by a
 * final σ of 0), which with order 2 leaves every step 1 … N−2 second order.
 */
export function stepCoefficients(schedule: Schedule, k: number): StepCoefficients {
  const { sigmas, steps } = schedule;
  if (!Number.isInteger(k) || k < 0 || k >= steps) throw new RangeError(`step ${k} outside 0..${steps - 1}`);
  const sS = sigmas[k]!;
  const sT = sigmas[k + 1]!;
  const alphaS = alphaOf(sS);
  const invAlpha = 1 / alphaS;
  const sOverAlpha = sS; // s/α = σ
  const order: 1 | 2 = k === 0 || k === steps - 1 ? 1 : 2;
  if (sT === 0) {
    // λ_t = +∞: e^{−h} = 0, α_t = 1, s_t = 0 → x_{k+1} = x0_k (avoids ∞·0 in the general formula).
    return { order, invAlpha, sOverAlpha, A: 0, B: 1, C: 0, E: 0, final: true };
  }
  const alphaT = alphaOf(sT);
  const ratio = sT / sS; // e^{−h}, h = λ_t − λ_s = ln(σ_s/σ_t)
  const oneMinus = 1 - ratio * ratio; // 1 − e^{−2h}
  const A = ((sT * alphaT) / (sS * alphaS)) * ratio;
  const B = alphaT * oneMinus;
  const E = sT * alphaT * Math.sqrt(oneMinus);
  let C = 0;
  if (order === 2) {
    const h = Math.log(sS / sT);
    const h0 = Math.log(sigmas[k - 1]! / sS);
    // D1 = (x0_k − x0_{k−1})/r0 with r0 = h0/h, weighted ½·B (midpoint).
    C = (0.5 * B) / (h0 / h);
  }
  return { order, invAlpha, sOverAlpha, A, B, C, E, final: false };
}

export interface SolverStepBuffers {
  /** x_k. */
  sample: Float32Array;
  /** The guided noise prediction ε_k. */
  eps: Float32Array;
  /** x0_{k−1}; ignored on first-order steps. */
  prevX0: Float32Array | undefined;
  /** z_k (draw k+1); ignored on the final step. */
  noise: Float32Array | undefined;
  /** Receives x_{k+1}; may be a view into the frames buffer (nothing else is copied). */
  out: Float32Array;
  /** Receives x0_k, the history for step k+1. */
  x0Out: Float32Array;
}

/**
 * One solver step, element-wise in float64, each result rounded once to float32. One pass over the
 * buffers; the coefficients are held in locals so the loop body is loads, FMAs' worth of arithmetic
 * and two stores (this runs once per step on 65,536 values at 1024²).
 */
export function solverStep(c: StepCoefficients, b: SolverStepBuffers): void {
  const { sample, eps, out, x0Out } = b;
  const n = sample.length;
  const invAlpha = c.invAlpha;
  const sOverAlpha = c.sOverAlpha;
  if (c.final) {
    for (let i = 0; i < n; i++) {
      const x0 = sample[i]! * invAlpha - eps[i]! * sOverAlpha;
      x0Out[i] = x0;
      out[i] = x0;
    }
    return;
  }
  const noise = b.noise;
  if (noise === undefined) throw new Error('a non-final step needs its noise draw');
  const { A, B, C, E } = c;
  if (c.order === 1 || b.prevX0 === undefined) {
    for (let i = 0; i < n; i++) {
      const x = sample[i]!;
      const x0 = x * invAlpha - eps[i]! * sOverAlpha;
      x0Out[i] = x0;
      out[i] = A * x + B * x0 + E * noise[i]!;
    }
    return;
  }
  const prev = b.prevX0;
  for (let i = 0; i < n; i++) {
    const x = sample[i]!;
    const x0 = x * invAlpha - eps[i]! * sOverAlpha;
    x0Out[i] = x0;
    out[i] = A * x + B * x0 + C * (x0 - prev[i]!) + E * noise[i]!;
  }
}

/**
 * The x0_k a step must have used to turn x_k into x_{k+1} with this noise and history: the inverse
 * of `solverStep` for its x0. Used by replay to rebuild the solver history from frames.
 */
export function impliedX0(
  c: StepCoefficients,
  sample: Float32Array,
  next: Float32Array,
  noise: Float32Array | undefined,
  prevX0: Float32Array | undefined,
  out: Float32Array,
): Float32Array {
  const n = sample.length;
  if (c.final) {
    out.set(next);
    return out;
  }
  if (noise === undefined) throw new Error('a non-final step needs its noise draw');
  const { A, C, E } = c;
  if (c.order === 2 && prevX0 !== undefined) {
    const denom = c.B + C;
    for (let i = 0; i < n; i++) {
      out[i] = (next[i]! - A * sample[i]! - E * noise[i]! + C * prevX0[i]!) / denom;
    }
    return out;
  }
  const denom = c.B;
  for (let i = 0; i < n; i++) out[i] = (next[i]! - A * sample[i]! - E * noise[i]!) / denom;
  return out;
}
