import { createHash } from 'node:crypto';
import {
  NOISE_LAYOUT_VERSION,
  parseFrames,
  REPLAY_PASS_MARK,
  replaySteps,
  SdxlPipeline,
} from '@taonode/diffusion';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
import { createDendrite, type Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GeneratorClient } from '../generator/generatorClient.js';
import { type GeneratorServer, startGeneratorServer } from '../generator/generatorServer.js';
import { GeneratorService } from '../generator/generatorService.js';
import { sanitizeGenerationInputs, toDiffusionInputs } from '../inputs/generationInputs.js';
import { modelIdentity } from '../model/sn30Model.js';
import { maxFramesBytes } from '../protocol/generateFields.js';
import { Generate, SN30_SPEC_VERSION } from '../protocol/synapses.js';
import { startTestMiner, type TestMiner } from '../testing/testMiner.js';
import { MinerClient } from '../validator/minerClient.js';
import { MinerDirectory } from '../validator/minerDirectory.js';
import { RemoteGenerator } from './frameGenerator.js';

vi.setConfig({ testTimeout: 120_000 });

const minerKey = Keypair.fromUri('//Sn30Miner');
const validator = Keypair.fromUri('//Alice');
const other = Keypair.fromUri('//Bob');
let pipeline: SdxlPipeline;
let model: string;
let miner: TestMiner;
let dendrite: Dendrite;
let client: MinerClient;
let otherClient: MinerClient;
const closers: (() => Promise<void>)[] = [];

const inputs = sanitizeGenerationInputs(
  { prompt: 'a tao lighthouse', width: 64, height: 64, num_inference_steps: 6, seed: 7 },
  { minSize: 8 },
);

beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu', vae: false });
  model = modelIdentity(pipeline.manifest);
  miner = await startTestMiner({ signer: minerKey, model, pipeline, storeBytes: 2 * maxFramesBytes(inputs) });
  dendrite = createDendrite({ signer: validator });
  client = new MinerClient(dendrite);
  const otherDendrite = createDendrite({ signer: other });
  otherClient = new MinerClient(otherDendrite);
  closers.push(() => otherDendrite.close());
});
afterAll(async () => {
  for (const c of closers) await c();
  await dendrite?.close();
  await miner?.stop();
  await pipeline?.release();
});

describe('SN30 miner over the axon', () => {
  it('announces its role, spec version and model', async () => {
    const r = await client.info(miner.target);
    expect(r).toMatchObject({
      ok: true,
      info: { role: 'miner', specVersion: SN30_SPEC_VERSION, model, minSize: 8 },
    });
  });

  it('the directory keeps miners on our model and names why others are left out', async () => {
    const logs: Record<string, unknown>[] = [];
    const dir = new MinerDirectory(client, { model, noise: NOISE_LAYOUT_VERSION }, (e) => logs.push(e));
    const strangers = new MinerDirectory(client, { model: 'another-model', noise: NOISE_LAYOUT_VERSION });
    const nobody = { ip: '127.0.0.1', port: 1, hotkey: other.ss58Address };
    await dir.refresh([
      { uid: 1, axon: miner.target },
      { uid: 2, axon: nobody },
    ]);
    await strangers.refresh([{ uid: 1, axon: miner.target }]);
    expect(dir.eligible().map((e) => e.uid)).toEqual([1]);
    expect(dir.get(other.ss58Address)?.problem).toMatch(/Info failed: 503/);
    expect(logs).toHaveLength(1);
    expect(strangers.eligible()).toEqual([]);
    expect(strangers.get(minerKey.ss58Address)?.problem).toMatch(
      /model tiny-sdxl-plain, this validator runs another-model/,
    );
    await dir.refresh([{ uid: 1, axon: miner.target }]);
    expect(dir.all()).toHaveLength(1);
  });

  it('commits a hash, serves exactly those frames once to the caller, and they replay', async () => {
    const g = await client.generate(miner.target, inputs);
    if (!g.ok) throw new Error(g.reason);
    expect(miner.store.hashOf(validator.ss58Address, g.id)).toBe(g.sha256);
    // Another hotkey can neither download nor delete it (and cannot tell it exists).
    expect(await otherClient.download(miner.target, g.id, maxFramesBytes(inputs))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await otherClient.delete(miner.target, g.id)).toBe(false);
    const d = await client.download(miner.target, g.id, maxFramesBytes(inputs));
    if (!d.ok) throw new Error(d.reason);
    expect(createHash('sha256').update(d.bytes).digest('hex')).toBe(g.sha256);
    const frames = parseFrames(d.bytes);
    expect(frames).toMatchObject({ steps: 6, latentHeight: 8, latentWidth: 8 });
    const replay = await replaySteps(pipeline, toDiffusionInputs(inputs), frames.data, [0, 3, 5]);
    expect(replay.minModelCosine).toBeGreaterThanOrEqual(REPLAY_PASS_MARK);
    // One shot.
    expect(await client.download(miner.target, g.id, maxFramesBytes(inputs))).toMatchObject({
      ok: false,
      status: 404,
      reason: expect.stringMatching(/no generation .* for this hotkey/),
    });
    expect(miner.store.bytes).toBe(0);
  });

  it('deletes for the caller; unknown ids are 404', async () => {
    const g = await client.generate(miner.target, inputs);
    if (!g.ok) throw new Error(g.reason);
    expect(await client.delete(miner.target, g.id)).toBe(true);
    expect(await client.delete(miner.target, g.id)).toBe(false);
    expect(await client.download(miner.target, 'nope', 1000)).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses bad inputs with 422 naming the field, an oversized body with 413', async () => {
    const bad = await client.generate(miner.target, { ...inputs, width: 60 });
    expect(bad).toMatchObject({
      ok: false,
      status: 422,
      reason: expect.stringMatching(/width: must be a multiple of 8/),
    });
    const noSeed = await dendrite.call(miner.target, Generate.create({ prompt: 'x', width: 64, height: 64 }));
    expect(noSeed.dendrite.status_code).toBe(422);
    expect(noSeed.dendrite.status_message).toMatch(/seed/);
    const long = Generate.create({ prompt: 'x', seed: 1 });
    long.prompt = 'x'.repeat(5000); // past the schema, as a hostile caller would send it
    const tooLong = await dendrite.call(miner.target, long);
    expect(tooLong.dendrite.status_code).toBe(422);
    const raw = await fetch(`http://127.0.0.1:${miner.target.port}/Generate`, {
      method: 'POST',
      body: 'x'.repeat(70 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    await raw.arrayBuffer();
    expect([401, 413]).toContain(raw.status); // unsigned: refused before or at the size check
  });

  it('refuses work with 503 when the result store is full, and takes it again once room is made', async () => {
    const a = await client.generate(miner.target, inputs);
    const b = await client.generate(miner.target, inputs);
    const c = await client.generate(miner.target, inputs);
    expect(a.ok && b.ok).toBe(true);
    expect(c).toMatchObject({ ok: false, status: 503, reason: expect.stringMatching(/result store full/) });
    if (a.ok) await client.delete(miner.target, a.id);
    if (b.ok) await client.delete(miner.target, b.id);
    const d = await client.generate(miner.target, inputs);
    expect(d.ok).toBe(true);
    if (d.ok) await client.delete(miner.target, d.id);
  });

  it('cuts a download off at the size the inputs allow', async () => {
    const g = await client.generate(miner.target, inputs);
    if (!g.ok) throw new Error(g.reason);
    const r = await client.download(miner.target, g.id, 1000);
    expect(r).toMatchObject({ ok: false, status: 413 });
  });

  it('with remote generators: a generator dying mid-request is taken out and the request retried on another', async () => {
    const servers: GeneratorServer[] = [];
    const services: GeneratorService[] = [];
    for (let i = 0; i < 2; i++) {
      const service = new GeneratorService({ pipeline, concurrency: 1, queueLimit: 4 });
      services.push(service);
      servers.push(await startGeneratorServer({ service, model, minSize: 8 }));
    }
    const remote = await startTestMiner({
      signer: Keypair.fromUri('//Sn30Remote'),
      model,
      generators: servers.map((s) => new RemoteGenerator(new GeneratorClient(s.url))),
    });
    closers.push(() => remote.stop());
    expect(await remote.pool.model()).toBe(model);
    const slow = { ...inputs, width: 128, height: 128, num_inference_steps: 100 };
    const pending = client.generate(remote.target, slow);
    // Wait for the generation to start on one of them, then kill that one.
    const busy = await vi.waitFor(
      () => {
        const i = services.findIndex((s) => s.running === 1);
        if (i < 0) throw new Error('not started');
        return i;
      },
      { timeout: 30_000, interval: 5 },
    );
    await servers[busy]!.close();
    const g = await pending;
    expect(g.ok).toBe(true);
    expect(remote.pool.status()[busy]).toMatchObject({ up: false });
    expect(remote.pool.status()[1 - busy]).toMatchObject({ up: true, served: 1 });
    expect(remote.logs.find((l) => l.msg === 'generator taken out of the pool')).toMatchObject({
      generator: servers[busy]!.url,
    });
    await servers[1 - busy]!.close();
  });
});
