// SN30 engine costs on this machine (CPU): scheduler + RNG per step vs the tiny UNet, replay of 3
// steps vs a whole generation, memory of the captured frames, and one real SDXL 512×512 UNet step when
// its files are in the hub cache. Writes bench/results/diffusion-sn30.json.
import { existsSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { median, writeBenchResult } from '@taonode/bench';
import { fillGaussian } from '../rng/gaussian.js';
import { solverStep, stepCoefficients } from '../scheduler/dpmSolverSde.js';
import { karrasSchedule } from '../scheduler/karrasSchedule.js';
import { tinySdxlManifest } from '../testing/index.js';
import { replaySteps } from './replay.js';
import { SdxlPipeline } from './sdxlPipeline.js';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const loadBefore = loadavg()[0];

// 1. Scheduler + RNG per step at 128×128 latents (a 1024×1024 image).
const n = 4 * 128 * 128;
const schedule = karrasSchedule(30);
const x = fillGaussian(new Float32Array(n), 1, 0);
const eps = fillGaussian(new Float32Array(n), 2, 0);
const prev = fillGaussian(new Float32Array(n), 3, 0);
const noise = new Float32Array(n);
const out = new Float32Array(n);
const x0 = new Float32Array(n);
const rngMs: number[] = [];
const solverMs: number[] = [];
for (let r = 0; r < 40; r++) {
  const t0 = performance.now();
  fillGaussian(noise, 1234, 5 + r);
  const t1 = performance.now();
  solverStep(stepCoefficients(schedule, 5), { sample: x, eps, prevX0: prev, noise, out, x0Out: x0 });
  const t2 = performance.now();
  rngMs.push(t1 - t0);
  solverMs.push(t2 - t1);
}
const rngStepMs = median(rngMs.slice(5));
const solverStepMs = median(solverMs.slice(5));

// Tiny UNet per step at the same latent size (CFG batch 2).
const pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu', vae: false });
const big = {
  prompt: 'a photo of a red cat',
  width: 1024,
  height: 1024,
  steps: 4,
  guidanceScale: 7,
  seed: 5,
};
await pipeline.generate({ ...big, steps: 1 });
const gBig = await pipeline.generate(big);
const tinyUnetStepMs = gBig.timings.modelMs / big.steps;

// 2. Replay of 3 steps vs a whole 30-step generation (512×512).
const req = { prompt: 'a photo of a red cat', width: 512, height: 512, steps: 30, guidanceScale: 7, seed: 9 };
await pipeline.generate({ ...req, steps: 2 });
const gen = await pipeline.generate(req);
const replay = await replaySteps(pipeline, req, gen.frames.data, [4, 15, 27]);

// 3. Memory of a 30-step 1024×1024 generation's captured frames.
globalThis.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakArrayBuffers = before.arrayBuffers;
const g30 = await pipeline.generate(
  { ...big, steps: 30 },
  {
    onStep: () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
    },
  },
);
const framesBytes = g30.frames.bytes.byteLength;
await pipeline.release();

// 4. The real SDXL base ONNX: one 512×512 UNet step on CPU, when its files are already cached.
const cache =
  process.env.HF_HUB_CACHE ?? join(process.env.HF_HOME ?? join(homedir(), '.cache', 'huggingface'), 'hub');
const snapshot = join(cache, 'models--stabilityai--stable-diffusion-xl-base-1.0', 'snapshots');
let realSdxl: Record<string, unknown> = {
  skipped: 'SDXL base 1.0 ONNX files absent (run `taonode models fetch sn30`)',
};
const { SDXL_BASE_MANIFEST, SDXL_BASE_REVISION } = await import(
  '../../../sn30/src/model/sdxlBaseManifest.js'
);
if (existsSync(join(snapshot, SDXL_BASE_REVISION, 'unet', 'model.onnx_data'))) {
  const real = await SdxlPipeline.load(SDXL_BASE_MANIFEST, { device: 'cpu', vae: false });
  const g = await real.generate({
    prompt: 'a photo of a red cat',
    width: 512,
    height: 512,
    steps: 1,
    guidanceScale: 7,
    seed: 1,
  });
  realSdxl = { unetStepMs: round(g.timings.modelMs, 0), encodeMs: round(g.timings.encodeMs, 0) };
  await real.release();
} else {
  console.log(`real SDXL step skipped: ${realSdxl.skipped}`);
}

const result = {
  description:
    'SN30 engine on CPU: scheduler+RNG per step, replay vs generation, frames memory, real SDXL step',
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  schedulerPerStep128: {
    latentElements: n,
    rngMs: round(rngStepMs),
    solverMs: round(solverStepMs),
    totalMs: round(rngStepMs + solverStepMs),
    tinyUnetStepMs: round(tinyUnetStepMs),
    ratioToTinyUnet: round((rngStepMs + solverStepMs) / tinyUnetStepMs),
    inGenerationMsPerStep: round(gBig.timings.solverMs / big.steps),
  },
  replay3of30At512: {
    generationMs: round(gen.timings.totalMs, 1),
    replayMs: round(replay.timings.totalMs, 1),
    ratio: round(replay.timings.totalMs / gen.timings.totalMs),
    ideal: round(3 / 30),
    breakdownMs: {
      encode: round(replay.timings.encodeMs, 1),
      history: round(replay.timings.historyMs, 1),
      model: round(replay.timings.modelMs, 1),
    },
  },
  frames30At1024: {
    framesMB: round(framesBytes / 1e6, 2),
    arrayBuffersPeakDeltaMB: round((peakArrayBuffers - before.arrayBuffers) / 1e6, 2),
    rssPeakDeltaMB: round((peakRss - before.rss) / 1e6, 2),
  },
  realSdxl512Step: realSdxl,
};
console.table(result.schedulerPerStep128);
writeBenchResult('diffusion-sn30', result);
