import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHashMismatchError } from '@taonode/inference';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiffusionInputError, FramesError, ModelContractError } from '../errors.js';
import { parseFrames } from '../frames/framesBuffer.js';
import { defaultTinySdxlDir, tinySdxlManifest } from '../testing/index.js';
import { replaySteps } from './replay.js';
import { SdxlPipeline } from './sdxlPipeline.js';

const inputs = {
  prompt: 'a photo of a red cat',
  width: 64,
  height: 48,
  steps: 6,
  guidanceScale: 7,
  seed: 42,
};

// Model loads take seconds each on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

let pipeline: SdxlPipeline;
beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu' });
});
afterAll(() => pipeline.release());

describe('SdxlPipeline (tiny models)', () => {
  it('generates reproducible frames in the safetensors layout and replays them exactly', async () => {
    const steps: number[] = [];
    const a = await pipeline.generate(inputs, { onStep: (k) => steps.push(k) });
    expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    const parsed = parseFrames(a.frames.bytes);
    expect(parsed).toMatchObject({ steps: 6, latentHeight: 6, latentWidth: 8, dtype: 'F32' });
    const b = await pipeline.generate(inputs);
    const sha = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');
    expect(sha(b.frames.bytes)).toBe(sha(a.frames.bytes));
    expect(sha((await pipeline.generate({ ...inputs, seed: 43 })).frames.bytes)).not.toBe(
      sha(a.frames.bytes),
    );
    const r = await replaySteps(pipeline, inputs, parsed.data, [0, 2, 5]);
    expect(r.scores.map((s) => s.step)).toEqual([0, 2, 5]);
    for (const s of r.scores) {
      expect(s.modelCosine).toBeGreaterThan(1 - 1e-6);
      expect(s.frameCosine).toBeGreaterThan(1 - 1e-6);
    }
    await expect(replaySteps(pipeline, { ...inputs, steps: 5 }, parsed.data, [1])).rejects.toThrow(
      FramesError,
    );
  });

  it('draws the same noise on worker threads: same frames, exact replay with the history drawn ahead', async () => {
    const inline = await pipeline.generate(inputs);
    const workers = await SdxlPipeline.load(await tinySdxlManifest('plain'), {
      device: 'cpu',
      vae: false,
      noiseThreads: 2,
    });
    try {
      expect(workers.noise.parallel).toBe(true);
      const g = await workers.generate(inputs);
      const sha = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');
      expect(sha(g.frames.bytes)).toBe(sha(inline.frames.bytes));
      // Every step from 0 to the last, so the walk consumes every draw the workers prefetched.
      const r = await replaySteps(workers, inputs, g.frames.data, [5, 0, 3, 4]);
      expect(r.scores.map((s) => s.step)).toEqual([0, 3, 4, 5]);
      for (const s of r.scores) expect(s.modelCosine).toBeGreaterThan(1 - 1e-6);
      expect(r.minModelCosine).toBe(
        (await replaySteps(pipeline, inputs, g.frames.data, [0, 3, 4, 5])).minModelCosine,
      );
    } finally {
      await workers.release();
    }
    expect(pipeline.noise.parallel).toBe(false); // the CPU provider's default: inline
  });

  it('encodes [uncond, cond] with zero uncond rows when no negative prompt is given', async () => {
    const zero = await pipeline.encodePrompt({ ...inputs, controlScale: 0 });
    expect(zero.batch).toBe(2);
    expect(zero.crossDim).toBe(24);
    expect(zero.embeds.subarray(0, 77 * 24).every((v) => v === 0)).toBe(true);
    expect(zero.pooled.subarray(0, 16).every((v) => v === 0)).toBe(true);
    expect([...zero.timeIds]).toEqual([48, 64, 0, 0, 48, 64, 48, 64, 0, 0, 48, 64]);
    const empty = await pipeline.encodePrompt({ ...inputs, negativePrompt: '', controlScale: 0 });
    expect(empty.embeds.subarray(0, 77 * 24).some((v) => v !== 0)).toBe(true);
    const single = await pipeline.encodePrompt({ ...inputs, guidanceScale: 1, controlScale: 0 });
    expect(single.batch).toBe(1);
    expect([...single.embeds]).toEqual([...zero.embeds.subarray(77 * 24)]);
  });

  it('cuts prompts over 77 tokens as CLIP does (EOT kept, same embeddings as the first 75 tokens)', async () => {
    const { ids1, ids2 } = pipeline.tokenize(['a '.repeat(200)], ['a '.repeat(200)]);
    expect(ids1[76]).toBe(49407n);
    expect(ids2[76]).toBe(49407n);
    const long = await pipeline.encodePrompt({ ...inputs, prompt: 'a '.repeat(200), controlScale: 0 });
    const cut = await pipeline.encodePrompt({ ...inputs, prompt: 'a '.repeat(75), controlScale: 0 });
    expect([...long.embeds]).toEqual([...cut.embeds]);
    // tokenizer 1 pads with EOT, tokenizer 2 with "!" (id 0).
    const short = pipeline.tokenize(['cat'], ['cat']);
    expect(short.ids1[3]).toBe(49407n);
    expect(short.ids2[3]).toBe(0n);
  });

  it('decodes the last frame to a PNG with the VAE', async () => {
    const g = await pipeline.generate(inputs);
    const rgb = await pipeline.decode(g.frames.frame(5), 64, 48);
    expect(rgb.length).toBe(64 * 48 * 3);
    const png = await sharp(rgb, { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).width).toBe(64);
  });

  it('refuses bad requests with a typed error', async () => {
    await expect(pipeline.generate({ ...inputs, width: 60 })).rejects.toThrow(DiffusionInputError);
    await expect(pipeline.generate({ ...inputs, steps: 0 })).rejects.toThrow(/steps/);
    await expect(pipeline.generate({ ...inputs, seed: -1 })).rejects.toThrow(/seed/);
  });

  it('runs the ControlNet variant (control image required) and replays it exactly', async () => {
    const cn = await SdxlPipeline.load(await tinySdxlManifest('controlnet'), { device: 'cpu', vae: false });
    try {
      const req = { ...inputs, controlScale: 0.5 };
      await expect(cn.generate(req)).rejects.toThrow(/control image/);
      const controlImage = {
        width: 64,
        height: 48,
        data: Float32Array.from({ length: 3 * 64 * 48 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
      };
      const g = await cn.generate(req, { controlImage });
      const off = await cn.generate({ ...req, controlScale: 0 }, { controlImage });
      expect(g.frames.frame(5)).not.toEqual(off.frames.frame(5));
      const r = await replaySteps(cn, req, g.frames.data, [1, 4], { controlImage });
      for (const s of r.scores) expect(s.modelCosine).toBeGreaterThan(1 - 1e-6);
    } finally {
      await cn.release();
    }
  });
});

describe('loading models', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taonode-sdxl-'));
    await cp(defaultTinySdxlDir(), dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names the corrupt file and keeps the daemon alive (sha256 mismatch)', async () => {
    const manifest = await tinySdxlManifest('plain', dir);
    await writeFile(join(dir, 'unet/model.onnx'), 'not the model');
    const err = await SdxlPipeline.load(manifest, { device: 'cpu' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelHashMismatchError);
    expect((err as Error).message).toContain('unet/model.onnx');
    await cp(join(defaultTinySdxlDir(), 'unet/model.onnx'), join(dir, 'unet/model.onnx'));
  });

  it('rejects a graph whose I/O names differ from the manifest', async () => {
    const manifest = await tinySdxlManifest('plain', dir);
    const renamed = { ...manifest, unet: { ...manifest.unet, output: 'noise_pred' } };
    const err = await SdxlPipeline.load(renamed, { device: 'cpu' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelContractError);
    expect((err as Error).message).toMatch(/unet .*missing outputs noise_pred/);
    const wrongFile = { ...manifest, unet: { ...manifest.unet, model: manifest.textEncoder.model } };
    await expect(SdxlPipeline.load(wrongFile, { device: 'cpu' })).rejects.toThrow(ModelContractError);
  });

  it('reports a missing file with the fix', async () => {
    const manifest = await tinySdxlManifest('plain', dir);
    const missing = {
      ...manifest,
      vaeDecoder: { model: { path: 'vae_decoder/missing.onnx', sha256: 'a'.repeat(64) } },
    };
    await expect(SdxlPipeline.load(missing, { device: 'cpu' })).rejects.toThrow(/does not exist/);
  });
});
