import { FramesError } from '../errors.js';
import { DrawAhead } from '../rng/drawAhead.js';
import { impliedX0, solverStep, stepCoefficients } from '../scheduler/dpmSolverSde.js';
import { karrasSchedule } from '../scheduler/karrasSchedule.js';
import { cosineOrthogonalTo, cosineSimilarity } from './cosine.js';
import type { ControlImage } from './diffusionInputs.js';
import { parseDiffusionInputs } from './diffusionInputs.js';
import type { SdxlPipeline } from './sdxlPipeline.js';

/**
 * The pass mark for `modelCosine` (every checked step must reach it). Honest frames score 1 to float
 * tolerance on the same provider and ≈ 1 − 1e-4 across fp16 GPU / fp32 CPU; the cheats of the
 * verification-power table in docs/sn30.md score below it.
 */
export const REPLAY_PASS_MARK = 0.99;

export interface StepScore {
  /** Solver step k: from x_k (the seed's noise for k = 0, else frame k−1) to frame k. */
  step: number;
  /**
   * The reference's measure: cosine (eps 1e-3) of the recomputed next latents and the miner's frame k.
   * Dominated by the latents both already share, so ≈ 1 even for a wrong model; reported, not judged.
   */
  frameCosine: number;
  /**
   * The verdict's measure: cosine of the model's contribution — the x0 the miner's frame implies vs
   * the x0 recomputed here, both with the current latent's direction removed (see docs/sn30.md).
   * Honest: 1 to float tolerance on the same provider.
   */
  modelCosine: number;
}

export interface ReplayResult {
  scores: StepScore[];
  /** min over the checked steps of modelCosine. */
  minModelCosine: number;
  timings: { encodeMs: number; historyMs: number; modelMs: number; totalMs: number };
}

/**
 * Replays solver steps of a generation from its frames: for each step k, the solver history x0_{k−1}
 * is rebuilt from the frames and the exact noise draws (no UNet call: each step's update is inverted
 * for its x0), then the UNet runs on the miner's own x_k and one step is taken with the noise draw
 * k+1 the miner had to use. Steps are 0-based solver steps (the reference's sample index i is step i+1).
 */
export async function replaySteps(
  pipeline: SdxlPipeline,
  inputsInput: unknown,
  frames: Float32Array,
  steps: readonly number[],
  options: { controlImage?: ControlImage } = {},
): Promise<ReplayResult> {
  const started = performance.now();
  const inputs = parseDiffusionInputs(inputsInput);
  const N = inputs.steps;
  const h = inputs.height / 8;
  const w = inputs.width / 8;
  const n = 4 * h * w;
  if (frames.length !== N * n) {
    throw new FramesError(`${frames.length} values, expected ${N} steps × 4×${h}×${w}`, {
      steps: N,
      height: h,
      width: w,
    });
  }
  const wanted = [...new Set(steps)].sort((a, b) => a - b);
  for (const k of wanted) {
    if (!Number.isInteger(k) || k < 0 || k >= N) throw new RangeError(`step ${k} outside 0..${N - 1}`);
  }
  const schedule = karrasSchedule(N);
  const frame = (k: number) => frames.subarray(k * n, (k + 1) * n);
  // Draws 0 … the last one a checked step needs (the final step draws none). With noise workers they
  // are computed ahead while this thread runs the text encoders and the UNet.
  const lastDraw = Math.min((wanted.at(-1) ?? 0) + 1, N - 1);
  const draws = new DrawAhead(pipeline.noise, inputs.seed, n, lastDraw);
  draws.prefetch();
  const cond = await pipeline.encodePrompt(inputs);
  const control = pipeline.controlFor(inputs, cond.batch, options.controlImage);
  const x0Initial = Float32Array.from(await draws.get(0));
  const encodeMs = performance.now() - started;

  const sampleOf = (k: number) => (k === 0 ? x0Initial : frame(k - 1));
  // The draw in hand: the walk for the next checked step starts with the draw the last checked step
  // used, so it is not drawn twice.
  let held: { draw: number; z: Float32Array } | undefined;
  const noiseOf = async (draw: number) => {
    if (held?.draw !== draw) held = { draw, z: await draws.get(draw) };
    return held.z;
  };
  const eps = new Float32Array(n);
  const scratch = new Float32Array(cond.batch === 2 ? 2 * n : 0);
  const pred = new Float32Array(n);
  const x0Pred = new Float32Array(n);
  const x0Miner = new Float32Array(n);
  // The rebuilt history x0_{built}, ping-ponging between two buffers (the walk reads one, writes the other).
  let prev: Float32Array | undefined;
  let spare: Float32Array = new Float32Array(n);
  let built = -1;
  let historyMs = 0;
  let modelMs = 0;
  const scores: StepScore[] = [];
  for (const k of wanted) {
    const x = sampleOf(k);
    const tM = performance.now();
    // The UNet needs only x_k (a frame), not the history: running it first gives the workers its
    // time to draw what the walk below needs.
    await pipeline.predictNoise(cond, schedule, k, x, eps, inputs, control, scratch);
    const tH = performance.now();
    modelMs += tH - tM;
    while (built < k - 1) {
      const j = built + 1;
      const c = stepCoefficients(schedule, j);
      const out = impliedX0(
        c,
        sampleOf(j),
        frame(j),
        c.final ? undefined : await noiseOf(j + 1),
        j > 0 ? prev : undefined,
        spare,
      );
      spare = prev ?? new Float32Array(n);
      prev = out;
      built = j;
    }
    const c = stepCoefficients(schedule, k);
    const z = c.final ? undefined : await noiseOf(k + 1);
    historyMs += performance.now() - tH;
    const history = k > 0 ? prev : undefined;
    solverStep(c, { sample: x, eps, prevX0: history, noise: z, out: pred, x0Out: x0Pred });
    impliedX0(c, x, frame(k), z, history, x0Miner);
    scores.push({
      step: k,
      frameCosine: cosineSimilarity(pred, frame(k)),
      modelCosine: cosineOrthogonalTo(x, x0Miner, x0Pred),
    });
  }
  return {
    scores,
    minModelCosine: Math.min(...scores.map((s) => s.modelCosine)),
    timings: { encodeMs, historyMs, modelMs, totalMs: performance.now() - started },
  };
}
