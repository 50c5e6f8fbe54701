import { createHash } from 'node:crypto';
import { REPLAY_PASS_MARK, replaySteps, SdxlPipeline } from '@taonode/diffusion';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GeneratorCallError } from '../errors.js';
import { sanitizeGenerationInputs, toDiffusionInputs } from '../inputs/generationInputs.js';
import { modelIdentity } from '../model/sn30Model.js';
import { GeneratorClient } from './generatorClient.js';
import { type GeneratorServer, startGeneratorServer } from './generatorServer.js';
import { GeneratorService } from './generatorService.js';

vi.setConfig({ testTimeout: 120_000 });

let pipeline: SdxlPipeline;
let service: GeneratorService;
let server: GeneratorServer;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu', vae: false });
  service = new GeneratorService({ pipeline, concurrency: 1, queueLimit: 1 });
  server = await startGeneratorServer({
    service,
    model: modelIdentity(pipeline.manifest),
    minSize: 8,
    log: (e) => logs.push(e),
  });
});
afterAll(async () => {
  await server?.close();
  await pipeline?.release();
});

const request = { prompt: 'a photo of a tao cat', width: 64, height: 64, num_inference_steps: 8, seed: 99 };

describe('sn30 generator service', () => {
  it('returns frames + sha256 that replay exactly, and reports its model', async () => {
    const client = new GeneratorClient(server.url);
    expect(await client.info()).toMatchObject({
      api: 1,
      model: 'tiny-sdxl-plain',
      precision: 'fp32',
      controlnet: false,
    });
    const r = await client.generate(request);
    expect(r.sha256).toBe(createHash('sha256').update(r.bytes).digest('hex'));
    expect(r.frames).toMatchObject({ steps: 8, latentHeight: 8, latentWidth: 8, dtype: 'F32' });
    const inputs = toDiffusionInputs(sanitizeGenerationInputs(request, { minSize: 8 }));
    const replay = await replaySteps(pipeline, inputs, r.frames.data, [0, 3, 7]);
    expect(replay.minModelCosine).toBeGreaterThanOrEqual(REPLAY_PASS_MARK);
    const again = await client.generate(request);
    expect(again.sha256).toBe(r.sha256);
    expect(again.id).not.toBe(r.id);
  });

  it('answers bad input with 400 naming the field, and stays up', async () => {
    const client = new GeneratorClient(server.url);
    const err = await client.generate({ ...request, width: 60 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorCallError);
    expect((err as GeneratorCallError).status).toBe(400);
    expect((err as Error).message).toMatch(/width: must be a multiple of 8/);
    const big = await fetch(`${server.url}/v1/generate`, { method: 'POST', body: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const notJson = await fetch(`${server.url}/v1/generate`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('bounds the queue: a request beyond concurrency + queue gets 503, the others finish', async () => {
    const client = new GeneratorClient(server.url);
    const slow = { ...request, num_inference_steps: 100 };
    const first = client.generate(slow);
    const second = client.generate(slow);
    // Wait on the condition (one running, one queued), not on time.
    while (!(service.running === 1 && service.queueDepth === 1)) await new Promise((r) => setTimeout(r, 5));
    const third = await client.generate(slow).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(GeneratorCallError);
    expect((third as GeneratorCallError).status).toBe(503);
    expect((await first).frames.steps).toBe(100);
    expect((await second).frames.steps).toBe(100);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/taonode_sn30_generator_queue_depth 0/);
    expect(metrics).toMatch(/taonode_sn30_generator_requests_total\{result="busy"\} 1/);
    expect(metrics).toMatch(/taonode_sn30_generator_steps_per_second [1-9]/);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, queueDepth: 0, inFlight: 0 });
    expect(logs.some((l) => l.msg === 'generated')).toBe(true);
  });
});
