import { randomBytes } from 'node:crypto';
import { FramesBuffer, SdxlPipeline } from '@taonode/diffusion';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
import { createDendrite, type Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GeneratorService } from '../generator/generatorService.js';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import {
  type FrameGenerator,
  type FramesResult,
  LocalGenerator,
  sha256Hex,
} from '../miner/frameGenerator.js';
import { RandomLatentsGenerator } from '../miner/randomLatentsGenerator.js';
import { modelIdentity } from '../model/sn30Model.js';
import { maxFramesBytes } from '../protocol/generateFields.js';
import { startTestMiner, type TestMiner } from '../testing/testMiner.js';
import { MinerClient } from './minerClient.js';
import { initialMetrics, rawWeight, recordStressOutcome, sn30Weights, syncMetrics } from './minerMetrics.js';
import { ReplayScorer } from './outputScorer.js';
import { newStressTest, runStressTest, type StressOutcome } from './stressTest.js';

vi.setConfig({ testTimeout: 180_000 });

const SHAPE = { width: 64, height: 64, steps: 6, minSize: 8 };
const CONFIG = { startConcurrency: 4, maxConcurrency: 8, requestTimeoutS: 20 };
let pipeline: SdxlPipeline;
let model: string;
let dendrite: Dendrite;
let client: MinerClient;
let scorer: ReplayScorer;
const miners: TestMiner[] = [];

/** Wraps a generator and rewrites what it returns (the cheats and faults below). */
class Twisted implements FrameGenerator {
  readonly name = 'twisted';
  load = 0;
  constructor(
    private readonly twist: (inputs: GenerationInputs, signal?: AbortSignal) => Promise<FramesResult>,
  ) {}
  generate(inputs: GenerationInputs, signal?: AbortSignal) {
    return this.twist(inputs, signal);
  }
  async check() {
    return true;
  }
  async model() {
    return model;
  }
}

const honestBytes = (bytes: Uint8Array): FramesResult => ({ frames: bytes, sha256: sha256Hex(bytes), ms: 1 });

async function miner(
  uri: string,
  generators?: (local: LocalGenerator) => FrameGenerator[],
): Promise<TestMiner> {
  const local = new LocalGenerator(
    new GeneratorService({ pipeline, concurrency: 1, queueLimit: 1024 }),
    model,
  );
  const m = await startTestMiner({
    signer: Keypair.fromUri(uri),
    model,
    generators: generators?.(local) ?? [local],
  });
  miners.push(m);
  return m;
}

async function stress(m: TestMiner, config: object = CONFIG): Promise<StressOutcome> {
  const start = newStressTest({ uid: 0, hotkey: m.target.hotkey }, SHAPE, config);
  const t = (config as { requestTimeoutS?: number }).requestTimeoutS ?? 20;
  return runStressTest(start, {
    link: client.link(m.target, { generateTimeoutS: t, downloadTimeoutS: 20 }),
    scorer,
    shape: SHAPE,
    config,
  });
}

beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu', vae: false });
  model = modelIdentity(pipeline.manifest);
  dendrite = createDendrite({ signer: Keypair.fromUri('//Alice') });
  client = new MinerClient(dendrite);
  scorer = new ReplayScorer({ pipeline });
});
afterAll(async () => {
  for (const m of miners) await m.stop();
  await dendrite?.close();
  await pipeline?.release();
});

describe('stress tests over real HTTP with the tiny models', () => {
  it('an honest miner is measured with similarity 1; a random-latents cheater gets 0 and no weight', async () => {
    const honest = await miner('//Honest');
    const cheat = await miner('//Cheater', () => [new RandomLatentsGenerator(model)]);
    const h = await stress(honest);
    const c = await stress(cheat);
    expect(h).toMatchObject({ kind: 'measured', count: 8, errorRate: 0, similarity: 1 });
    expect(c).toMatchObject({ kind: 'measured', count: 8, similarity: 0 });
    if (h.kind === 'measured') expect(h.minModelCosine).toBeGreaterThan(0.999);
    // Every result not audited was deleted from the miners' stores.
    await vi.waitFor(() => expect(honest.store.size).toBe(0));
    const state = initialMetrics();
    syncMetrics(state, [honest.target.hotkey, cheat.target.hotkey]);
    const now = Date.now();
    recordStressOutcome(state, { uid: 0, hotkey: honest.target.hotkey }, h, now);
    recordStressOutcome(state, { uid: 1, hotkey: cheat.target.hotkey }, c, now);
    expect(rawWeight(state.miners[0]!, now)).toBeGreaterThan(0);
    expect(rawWeight(state.miners[1]!, now)).toBe(0);
    expect(sn30Weights(state, now).uids).toEqual([0]);
  });

  it('a miner serving other frames than it committed to is a cheater', async () => {
    const liar = await miner('//Liar', (local) => [
      new Twisted(async (inputs, signal) => ({
        ...(await local.generate(inputs, signal)),
        sha256: sha256Hex(randomBytes(8)),
      })),
    ]);
    expect(await stress(liar)).toMatchObject({ kind: 'failed', cheater: true });
  });

  it('garbage safetensors, the wrong shape and an oversized file score 0, and the test goes on', async () => {
    const garbage = await miner('//Garbage', () => [new Twisted(async () => honestBytes(randomBytes(4096)))]);
    const wrongShape = await miner('//WrongShape', () => [
      new Twisted(async (i) => honestBytes(new FramesBuffer(i.num_inference_steps, 4, 4).bytes)),
    ]);
    const huge = await miner('//Huge', () => [
      new Twisted(async (i) => honestBytes(randomBytes(maxFramesBytes(i) + 64 * 1024))),
    ]);
    const g = await stress(garbage);
    expect(g).toMatchObject({ kind: 'measured', similarity: 0, failedDownloads: 0 });
    const w = await stress(wrongShape);
    expect(w).toMatchObject({ kind: 'measured', similarity: 0, failedDownloads: 0 });
    const x = await stress(huge);
    expect(x).toMatchObject({ kind: 'measured', similarity: 0 });
    if (x.kind === 'measured') expect(x.failedDownloads).toBe(x.audited);
  });

  it('a miner that never answers fails the test on timeouts', async () => {
    const silent = await miner('//Silent', () => [
      new Twisted(
        (_i, signal) =>
          new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
          ),
      ),
    ]);
    const out = await stress(silent, { ...CONFIG, requestTimeoutS: 1 });
    expect(out).toMatchObject({ kind: 'failed', cheater: false, reason: expect.stringMatching(/408/) });
  });
});
