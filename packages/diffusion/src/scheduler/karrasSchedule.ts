import { z } from 'zod';
import { DiffusionInputError } from '../errors.js';

/** The scheduler configuration SN30 uses (spec §3): diffusers' DPMSolverMultistepScheduler defaults + these. */
export const schedulerConfigSchema = z.object({
  betaStart: z.number().positive().default(0.00085),
  betaEnd: z.number().positive().default(0.012),
  trainSteps: z.number().int().min(2).default(1000),
  /** Karras ρ. */
  rho: z.number().positive().default(7),
});
export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;

export interface Schedule {
  /** Inference steps N. */
  readonly steps: number;
  /** σ_0 … σ_{N−1}, then σ_N = 0; float32 values, as diffusers stores them. */
  readonly sigmas: Float32Array;
  /** The integer timestep the UNet sees at each step (length N). */
  readonly timesteps: Int32Array;
}

/**
 * σ_i = √((1 − ᾱ_i)/ᾱ_i) of the training schedule ("scaled linear" betas: linspace of √β, squared).
 * Each operation is rounded to float32 as diffusers' torch tables are (torch.linspace's two-sided
 * formula included), so σ_min/σ_max and the integer timesteps come out as the reference's.
 */
export function trainingSigmas(config: Partial<SchedulerConfig> = {}): Float32Array {
  const c = schedulerConfigSchema.parse(config);
  const f = Math.fround;
  const n = c.trainSteps;
  const out = new Float32Array(n);
  const start = f(Math.sqrt(c.betaStart));
  const end = f(Math.sqrt(c.betaEnd));
  const step = f(f(end - start) / (n - 1));
  let cumprod = 1;
  for (let i = 0; i < n; i++) {
    const sqrtBeta = i < n / 2 ? f(start + f(step * i)) : f(end - f(step * (n - 1 - i)));
    const alpha = f(1 - f(sqrtBeta * sqrtBeta));
    cumprod = f(cumprod * alpha);
    out[i] = f(Math.sqrt(f(f(1 - cumprod) / cumprod)));
  }
  return out;
}

/** numpy's round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Fractional training index of σ by linear interpolation in log σ between the two neighbouring
 * training sigmas (diffusers' `_sigma_to_t`).
 */
function sigmaToT(sigma: number, logSigmas: Float32Array): number {
  const l = Math.log(Math.max(sigma, 1e-10));
  let lo = 0;
  for (let i = 0; i < logSigmas.length; i++) if (l - logSigmas[i]! >= 0) lo = i;
  lo = Math.min(lo, logSigmas.length - 2);
  const hi = lo + 1;
  const wRaw = (logSigmas[lo]! - l) / (logSigmas[lo]! - logSigmas[hi]!);
  const w = Math.min(1, Math.max(0, wRaw));
  return (1 - w) * lo + w * hi;
}

/**
 * Karras sigmas for N steps between the training σ_max and σ_min (ρ = 7), a final σ = 0, and the UNet
 * timesteps from log-σ interpolation rounded half-to-even (see docs/sn30.md for the derivation).
 */
export function karrasSchedule(steps: number, config: Partial<SchedulerConfig> = {}): Schedule {
  if (!Number.isInteger(steps) || steps < 1 || steps > 1000) {
    throw new DiffusionInputError(`steps must be an integer in 1..1000, got ${steps}`);
  }
  const train = trainingSigmas(config);
  const c = schedulerConfigSchema.parse(config);
  const logSigmas = train.map((x) => Math.fround(Math.log(x)));
  const sigmaMin = train[0]!;
  const sigmaMax = train[train.length - 1]!;
  const minInv = sigmaMin ** (1 / c.rho);
  const maxInv = sigmaMax ** (1 / c.rho);
  const sigmas = new Float32Array(steps + 1);
  const timesteps = new Int32Array(steps);
  for (let k = 0; k < steps; k++) {
    const ramp = steps === 1 ? 0 : k / (steps - 1);
    const sigma = (maxInv + ramp * (minInv - maxInv)) ** c.rho;
    sigmas[k] = sigma;
    timesteps[k] = roundHalfEven(sigmaToT(sigma, logSigmas));
  }
  sigmas[steps] = 0;
  return { steps, sigmas, timesteps };
}
