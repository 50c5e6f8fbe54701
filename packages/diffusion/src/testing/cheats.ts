import { FramesBuffer } from '../frames/framesBuffer.js';
import { fillGaussian, gaussian } from '../rng/gaussian.js';
import { solverStep, stepCoefficients } from '../scheduler/dpmSolverSde.js';
import { karrasSchedule } from '../scheduler/karrasSchedule.js';
import { type DiffusionInputs, parseDiffusionInputs } from '../sdxl/diffusionInputs.js';
import type { SdxlPipeline } from '../sdxl/sdxlPipeline.js';

/**
 * Frames a dishonest miner could return instead of running every step, for the verification-power
 * tests and the table in docs/sn30.md. Each returns [N, 1, 4, h, w] float32 frames.
 */

/** Random values of the right shape and scale. */
export function randomLatents(inputs: DiffusionInputs): Float32Array {
  return gaussian(inputs.steps * 4 * (inputs.height / 8) * (inputs.width / 8), inputs.seed ^ 0x5eed, 77);
}

/** An honest run of a different request (another seed, another prompt) or of a different pipeline. */
export async function generateOther(pipeline: SdxlPipeline, inputs: DiffusionInputs): Promise<Float32Array> {
  return (await pipeline.generate(inputs)).frames.data;
}

/** ⌈N/2⌉ real steps, every other frame linearly interpolated. */
export async function fewerStepsInterpolated(
  pipeline: SdxlPipeline,
  inputs: DiffusionInputs,
): Promise<Float32Array> {
  const half = Math.max(2, Math.ceil(inputs.steps / 2));
  const short = (await pipeline.generate({ ...inputs, steps: half })).frames;
  const n = short.frameSize;
  const out = new Float32Array(inputs.steps * n);
  for (let k = 0; k < inputs.steps; k++) {
    const pos = (k * (half - 1)) / (inputs.steps - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(half - 1, lo + 1);
    const f = pos - lo;
    const a = short.frame(lo);
    const b = short.frame(hi);
    for (let i = 0; i < n; i++) out[k * n + i] = (1 - f) * a[i]! + f * b[i]!;
  }
  return out;
}

/** An honest run that skips the UNet at step `skip`: frame `skip` repeats the previous latents. */
export async function stepCopied(
  pipeline: SdxlPipeline,
  inputsInput: DiffusionInputs,
  skip: number,
): Promise<Float32Array> {
  const inputs = parseDiffusionInputs(inputsInput);
  const schedule = karrasSchedule(inputs.steps);
  const cond = await pipeline.encodePrompt(inputs);
  const control = pipeline.controlFor(inputs, cond.batch, undefined);
  const frames = new FramesBuffer(inputs.steps, inputs.height / 8, inputs.width / 8);
  const n = frames.frameSize;
  let x = fillGaussian(new Float32Array(n), inputs.seed, 0);
  const eps = new Float32Array(n);
  const noise = new Float32Array(n);
  const scratch = new Float32Array(2 * n);
  let x0 = new Float32Array(n);
  let prev = new Float32Array(n);
  for (let k = 0; k < inputs.steps; k++) {
    const out = frames.frame(k);
    if (k === skip) {
      out.set(x);
      x = out;
      continue;
    }
    await pipeline.predictNoise(cond, schedule, k, x, eps, inputs, control, scratch);
    const c = stepCoefficients(schedule, k);
    if (!c.final) fillGaussian(noise, inputs.seed, k + 1);
    solverStep(c, {
      sample: x,
      eps,
      prevX0: k > 0 ? prev : undefined,
      noise: c.final ? undefined : noise,
      out,
      x0Out: x0,
    });
    [prev, x0] = [x0, prev];
    x = out;
  }
  return frames.data;
}
