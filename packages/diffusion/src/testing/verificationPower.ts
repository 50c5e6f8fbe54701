import type { DiffusionInputs } from '../sdxl/diffusionInputs.js';
import { replaySteps } from '../sdxl/replay.js';
import { SdxlPipeline } from '../sdxl/sdxlPipeline.js';
import { fewerStepsInterpolated, generateOther, randomLatents, stepCopied } from './cheats.js';
import { type TinySdxlVariant, tinySdxlManifest } from './tinySdxlModels.js';

export interface PowerRow {
  case: string;
  /** Per solver step: the replay's modelCosine. */
  modelCosines: number[];
  frameCosines: number[];
  /** Steps scoring below the pass mark. */
  failing: number;
  /** Chance that `samples` distinct random steps include a failing one. */
  detection: number;
}

function chooseRatio(n: number, bad: number, k: number): number {
  // 1 − C(n − bad, k)/C(n, k)
  let pass = 1;
  for (let i = 0; i < k; i++) pass *= Math.max(0, n - bad - i) / (n - i);
  return 1 - pass;
}

/**
 * Replays every step of honest frames and of each cheat with an honest fp32 validator pipeline on the
 * tiny models: the numbers of the verification-power table in docs/sn30.md.
 */
export async function verificationPower(
  inputs: DiffusionInputs,
  options: { passMark: number; samples?: number; dir?: string },
): Promise<PowerRow[]> {
  const manifest = (v: TinySdxlVariant) => tinySdxlManifest(v, options.dir);
  const validator = await SdxlPipeline.load(await manifest('plain'), { device: 'cpu', vae: false });
  const samples = options.samples ?? 3;
  const all = Array.from({ length: inputs.steps }, (_, k) => k);
  const rows: PowerRow[] = [];
  const score = async (name: string, frames: Float32Array) => {
    const r = await replaySteps(validator, inputs, frames, all);
    const failing = r.scores.filter((s) => !(s.modelCosine >= options.passMark)).length;
    rows.push({
      case: name,
      modelCosines: r.scores.map((s) => s.modelCosine),
      frameCosines: r.scores.map((s) => s.frameCosine),
      failing,
      detection: chooseRatio(inputs.steps, failing, Math.min(samples, inputs.steps)),
    });
  };
  const withModel = async (variant: TinySdxlVariant) => {
    const p = await SdxlPipeline.load(await manifest(variant), { device: 'cpu', vae: false });
    try {
      return await generateOther(p, inputs);
    } finally {
      await p.release();
    }
  };
  try {
    await score('honest (same model, fp32)', (await validator.generate(inputs)).frames.data);
    await score('honest, fp16 I/O UNet (the GPU precision)', await withModel('fp16'));
    await score('random latents', randomLatents(inputs));
    await score('another seed', await generateOther(validator, { ...inputs, seed: (inputs.seed + 1) >>> 0 }));
    await score('another prompt', await generateOther(validator, { ...inputs, prompt: 'a tao dog' }));
    await score(
      'the prompt with one word added',
      await generateOther(validator, { ...inputs, prompt: `${inputs.prompt} dog` }),
    );
    await score('half the steps, interpolated', await fewerStepsInterpolated(validator, inputs));
    await score(
      `step ${Math.floor(inputs.steps / 2)} copied from the previous`,
      await stepCopied(validator, inputs, Math.floor(inputs.steps / 2)),
    );
    await score('another model, same shapes', await withModel('other'));
    await score('UNet weights on an 8-bit grid', await withModel('int8'));
    await score('UNet weights on a 4-bit grid', await withModel('int4'));
  } finally {
    await validator.release();
  }
  return rows;
}

/** The table as markdown (min/median/max modelCosine, failing steps, detection with 3 samples). */
export function powerTable(rows: PowerRow[], passMark: number): string {
  const f = (x: number) => (x >= 0.99995 && x < 1 ? x.toFixed(6) : x.toFixed(4));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const lines = [
    `| frames | modelCosine min | median | max | frameCosine min | steps < ${passMark} | caught by 3 random steps |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const m = sorted(r.modelCosines);
    lines.push(
      `| ${r.case} | ${f(m[0]!)} | ${f(m[Math.floor(m.length / 2)]!)} | ${f(m[m.length - 1]!)} | ${f(Math.min(...r.frameCosines))} | ${r.failing}/${r.modelCosines.length} | ${(r.detection * 100).toFixed(0)} % |`,
    );
  }
  return lines.join('\n');
}
