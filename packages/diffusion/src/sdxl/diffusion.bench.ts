// SN30 engine costs on this machine (CPU): scheduler + RNG per step vs the tiny UNet, how much of the
// noise draw the UNet hides (workers vs inline), replay of 3
// steps vs a whole generation, memory of the captured frames, and one real SDXL 512×512 UNet step when
// its files are in the hub cache. Writes bench/results/diffusion-sn30.json.
import { existsSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { median, writeBenchResult } from '@taonode/bench';
import { fillGaussian, fillGaussianWith } from '../rng/gaussian.js';
import { defaultNoiseThreads, GaussianWorkers, sharedFloat32Array } from '../rng/gaussianWorkers.js';
import { jsPhiloxKernel, philoxKernel } from '../rng/philoxKernel.js';
import { solverStep, stepCoefficients } from '../scheduler/dpmSolverSde.js';
import { karrasSchedule } from '../scheduler/karrasSchedule.js';
import { tinySdxlManifest } from '../testing/index.js';
import { parseDiffusionInputs } from './diffusionInputs.js';
import { replaySteps } from './replay.js';
import { SdxlPipeline } from './sdxlPipeline.js';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const loadBefore = loadavg()[0];

// 1. Scheduler + RNG per step at 128×128 latents (a 1024×1024 image). Wall and CPU time: on the
// shared machine the CPU time of this thread is the steadier of the two.
const n = 4 * 128 * 128;
const schedule = karrasSchedule(30);
const x = fillGaussian(new Float32Array(n), 1, 0);
const eps = fillGaussian(new Float32Array(n), 2, 0);
const prev = fillGaussian(new Float32Array(n), 3, 0);
const noise = new Float32Array(n);
const out = new Float32Array(n);
const x0 = new Float32Array(n);
const cpuMs = (f: () => void) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const rngMs: number[] = [];
const rngCpuMs: number[] = [];
const jsRngMs: number[] = [];
const solverMs: number[] = [];
const solverCpuMs: number[] = [];
const js = jsPhiloxKernel();
for (let r = 0; r < 60; r++) {
  const t0 = performance.now();
  rngCpuMs.push(cpuMs(() => fillGaussian(noise, 1234, 5 + r)));
  const t1 = performance.now();
  solverCpuMs.push(
    cpuMs(() =>
      solverStep(stepCoefficients(schedule, 5), { sample: x, eps, prevX0: prev, noise, out, x0Out: x0 }),
    ),
  );
  const t2 = performance.now();
  jsRngMs.push(cpuMs(() => fillGaussianWith(js, noise, 1234, 5 + r)));
  rngMs.push(t1 - t0);
  solverMs.push(t2 - t1);
}
const warm = <T>(xs: T[]) => xs.slice(10);
const rngStepMs = median(warm(rngMs));
const solverStepMs = median(warm(solverMs));

// The same draw on noise workers, from the caller's side (what a step waits for when nothing hides it).
const pool = await GaussianWorkers.start(defaultNoiseThreads());
const shared = sharedFloat32Array(n);
const poolMs: number[] = [];
for (let r = 0; r < 40; r++) {
  const t0 = performance.now();
  await pool.fill(shared, 1234, 5 + r);
  poolMs.push(performance.now() - t0);
}
const noiseThreads = pool.threads;
await pool.close();

// Tiny UNet per step at the same latent size (CFG batch 2), the UNet alone and inside generate() with
// the noise drawn inline (between UNet calls) or on workers (during them).
const big = {
  prompt: 'a photo of a red cat',
  width: 1024,
  height: 1024,
  steps: 6,
  guidanceScale: 7,
  seed: 5,
};
const manifest = await tinySdxlManifest('plain');
// Both variants explicitly: on the CPU provider the default is inline (ONNX Runtime's threads use
// every core); on an accelerator it is workers.
const pipeline = await SdxlPipeline.load(manifest, {
  device: 'cpu',
  vae: false,
  noiseThreads: defaultNoiseThreads(),
});
const inline = await SdxlPipeline.load(manifest, { device: 'cpu', vae: false, noiseThreads: 0 });
const unetOnly: number[] = [];
{
  const inputs = parseDiffusionInputs(big);
  const cond = await pipeline.encodePrompt(inputs);
  const control = pipeline.controlFor(inputs, cond.batch, undefined);
  const e = new Float32Array(n);
  const scratch = new Float32Array(2 * n);
  const s6 = karrasSchedule(big.steps);
  for (let r = 0; r < 8; r++) {
    const t0 = performance.now();
    await pipeline.predictNoise(cond, s6, r % big.steps, x, e, inputs, control, scratch);
    unetOnly.push(performance.now() - t0);
  }
}
const perStep = async (p: SdxlPipeline) => {
  await p.generate({ ...big, steps: 1 });
  const wall: number[] = [];
  const solver: number[] = [];
  const model: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const g = await p.generate(big);
    wall.push((performance.now() - t0 - g.timings.encodeMs) / big.steps);
    solver.push(g.timings.solverMs / big.steps);
    model.push(g.timings.modelMs / big.steps);
  }
  return { wallMs: median(wall), solverMs: median(solver), modelMs: median(model) };
};
const withWorkers = await perStep(pipeline);
const withInline = await perStep(inline);
const tinyUnetStepMs = median(unetOnly.slice(2));

// A GPU-like UNet step: onnxruntime-node's session.run blocks this thread while a GPU computes and the
// CPU cores idle. Stand-in: block for a fixed time without using a core (Atomics.wait), then see what
// generate() adds per step beyond it, with the noise on workers and inline. No GPU on this machine.
const GPU_STEP_MS = 50;
const blocker = new Int32Array(new SharedArrayBuffer(4));
const gpuLike = async (p: SdxlPipeline) => {
  p.predictNoise = async () => {
    Atomics.wait(blocker, 0, 0, GPU_STEP_MS);
  };
  try {
    const r = await perStep(p);
    return { overheadMs: round(r.wallMs - GPU_STEP_MS), solverMs: round(r.solverMs) };
  } finally {
    Reflect.deleteProperty(p, 'predictNoise');
  }
};
const gpuWorkers = await gpuLike(pipeline);
const gpuInline = await gpuLike(inline);

// 2. Replay of 3 steps vs a whole 30-step generation (512×512), noise on workers and inline.
const req = { prompt: 'a photo of a red cat', width: 512, height: 512, steps: 30, guidanceScale: 7, seed: 9 };
await pipeline.generate({ ...req, steps: 2 });
const gen = await pipeline.generate(req);
const replayOf = async (p: SdxlPipeline) => {
  await replaySteps(p, req, gen.frames.data, [4, 15, 27]);
  const runs = [];
  for (let r = 0; r < 3; r++) runs.push(await replaySteps(p, req, gen.frames.data, [4, 15, 27]));
  return runs.sort((a, b) => a.timings.totalMs - b.timings.totalMs)[1]!;
};
const replay = await replayOf(pipeline);
const replayInline = await replayOf(inline);
await inline.release();

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

const round1 = (x: number) => round(x, 1);
const result = {
  description:
    'SN30 engine on CPU: scheduler+RNG per step, noise overlap with the UNet, replay vs generation, frames memory, real SDXL step',
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  schedulerPerStep128: {
    latentElements: n,
    philoxKernel: philoxKernel().kind,
    rngMs: round(rngStepMs),
    rngCpuMs: round(median(warm(rngCpuMs))),
    rngCpuMsScalarPhilox: round(median(warm(jsRngMs))),
    rngOnWorkersMs: round(median(poolMs.slice(5))),
    noiseThreads,
    solverMs: round(solverStepMs),
    solverCpuMs: round(median(warm(solverCpuMs))),
    totalMs: round(rngStepMs + solverStepMs),
    tinyUnetStepMs: round(tinyUnetStepMs),
    ratioToTinyUnet: round((rngStepMs + solverStepMs) / tinyUnetStepMs),
  },
  generatePerStep1024: {
    note: 'per-step wall time of generate() (encoders excluded) vs the UNet alone; solverMs = scheduler + noise on the critical path',
    unetOnlyMs: round1(tinyUnetStepMs),
    noiseOnWorkers: {
      wallMs: round1(withWorkers.wallMs),
      solverMs: round(withWorkers.solverMs),
      modelMs: round1(withWorkers.modelMs),
    },
    noiseInline: {
      wallMs: round1(withInline.wallMs),
      solverMs: round(withInline.solverMs),
      modelMs: round1(withInline.modelMs),
    },
  },
  gpuLikeStep1024: {
    note: `the UNet replaced by ${GPU_STEP_MS} ms of a blocked main thread with idle cores; overheadMs = per-step wall time beyond it`,
    noiseOnWorkers: gpuWorkers,
    noiseInline: gpuInline,
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
    noiseInline: {
      replayMs: round1(replayInline.timings.totalMs),
      historyMs: round1(replayInline.timings.historyMs),
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
console.table(result.generatePerStep1024);
console.table(result.gpuLikeStep1024);
writeBenchResult('diffusion-sn30', result);
