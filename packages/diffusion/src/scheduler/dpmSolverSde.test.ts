import { describe, expect, it } from 'vitest';
import { impliedX0, solverStep, stepCoefficients } from './dpmSolverSde.js';
import { karrasSchedule } from './karrasSchedule.js';

// Worked out by hand from the spec's σ-form formulas (sn30-onnx-sdxl.md §4), in float64:
//   α(σ) = 1/√(σ²+1), x0 = (x − σα·ε)/α, r = σ_{k+1}/σ_k,
//   x' = (α_{k+1}/α_k)·r²·x + α_{k+1}(1−r²)·x0 + σ_{k+1}α_{k+1}√(1−r²)·z
//        [+ ½·α_{k+1}(1−r²)·(x0 − x0_prev)·h/h0,  h = ln(σ_k/σ_{k+1}), h0 = ln(σ_{k−1}/σ_k)]
function byHand(sigmas: Float32Array, k: number, x: number, eps: number, z: number, prev?: number) {
  const al = (s: number) => 1 / Math.sqrt(s * s + 1);
  const ss = sigmas[k]!;
  const st = sigmas[k + 1]!;
  const x0 = (x - ss * al(ss) * eps) / al(ss);
  const r = st / ss;
  let out =
    (al(st) / al(ss)) * r * r * x + al(st) * (1 - r * r) * x0 + st * al(st) * Math.sqrt(1 - r * r) * z;
  if (prev !== undefined) {
    const h = Math.log(ss / st);
    const h0 = Math.log(sigmas[k - 1]! / ss);
    out += 0.5 * al(st) * (1 - Math.exp(-2 * h)) * ((x0 - prev) / (h0 / h));
  }
  return { out, x0 };
}

const f32 = (...v: number[]) => Float32Array.from(v);

describe('SDE-DPM-Solver++ step', () => {
  const schedule = karrasSchedule(20);

  it('orders: first at step 0 and at the last step, second in between', () => {
    expect(stepCoefficients(schedule, 0).order).toBe(1);
    for (let k = 1; k < 19; k++) expect(stepCoefficients(schedule, k).order).toBe(2);
    expect(stepCoefficients(schedule, 19)).toMatchObject({ order: 1, final: true });
  });

  it('first-order step 0 (x = 1, ε = 0.5, z = 0.25)', () => {
    const hand = byHand(schedule.sigmas, 0, 1, 0.5, 0.25);
    // The same numbers from an independent float64 evaluation (python) of the formula above.
    expect(hand.out).toBeCloseTo(1.1722458, 5);
    expect(hand.x0).toBeCloseTo(7.3414929, 4);
    const out = new Float32Array(1);
    const x0 = new Float32Array(1);
    solverStep(stepCoefficients(schedule, 0), {
      sample: f32(1),
      eps: f32(0.5),
      prevX0: undefined,
      noise: f32(0.25),
      out,
      x0Out: x0,
    });
    expect(out[0]).toBe(Math.fround(hand.out));
    expect(x0[0]).toBeCloseTo(hand.x0, 5);
  });

  it('second-order step 1 uses the previous x0 (midpoint)', () => {
    const first = byHand(schedule.sigmas, 0, 1, 0.5, 0.25);
    const x1 = Math.fround(first.out);
    const prev = Math.fround(first.x0);
    const hand = byHand(schedule.sigmas, 1, x1, -0.3, 0.7, prev);
    expect(hand.out).toBeCloseTo(2.2264312, 5);
    const out = new Float32Array(1);
    const x0 = new Float32Array(1);
    solverStep(stepCoefficients(schedule, 1), {
      sample: f32(x1),
      eps: f32(-0.3),
      prevX0: f32(prev),
      noise: f32(0.7),
      out,
      x0Out: x0,
    });
    expect(out[0]).toBeCloseTo(hand.out, 5);
    expect(x0[0]).toBeCloseTo(17.3125167, 4);
  });

  it('the last step returns x0 and ignores the noise', () => {
    const c = stepCoefficients(schedule, 19);
    const out = new Float32Array(1);
    solverStep(c, {
      sample: f32(0.5),
      eps: f32(0.1),
      prevX0: f32(9),
      noise: undefined,
      out,
      x0Out: new Float32Array(1),
    });
    const s = schedule.sigmas[19]!;
    expect(out[0]).toBeCloseTo(0.5 * Math.sqrt(s * s + 1) - 0.1 * s, 6);
  });

  it('impliedX0 inverts a step (the replay history)', () => {
    const n = 64;
    const sample = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const eps = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 0.7));
    const prev = Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin(i * 1.3));
    const noise = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 2.1));
    for (const k of [0, 5, 18]) {
      const c = stepCoefficients(schedule, k);
      const out = new Float32Array(n);
      const x0 = new Float32Array(n);
      solverStep(c, { sample, eps, prevX0: prev, noise, out, x0Out: x0 });
      const back = impliedX0(c, sample, out, noise, prev, new Float32Array(n));
      for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(x0[i]!, 3);
    }
  });
});
