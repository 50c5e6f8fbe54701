/**
 * The SN30 validator plug-in's own glue, without a chain: Info → eligible miners → a stress test per
 * step → rewards for the runtime's strategy, and a test interrupted mid-way (a stop after its first
 * round) resumed by a new validator from the state file's slot, as after a restart.
 */
import { SdxlPipeline } from '@taonode/diffusion';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
import type {
  Logger,
  NeuronConfig,
  NeuronMetagraph,
  PluginContext,
  PluginState,
  StateSlot,
  StepContext,
} from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RandomLatentsGenerator } from '../miner/randomLatentsGenerator.js';
import { modelIdentity } from '../model/sn30Model.js';
import { startTestMiner, type TestMiner } from '../testing/testMiner.js';
import { createSn30Validator } from './createSn30Validator.js';
import type { Sn30Options } from './sn30Options.js';
import type { Sn30Reward } from './sn30Scoring.js';

vi.setConfig({ testTimeout: 180_000 });

const validatorKey = Keypair.fromUri('//Sn30Validator');
let pipeline: SdxlPipeline;
const miners: TestMiner[] = [];

/** The runtime's state store, in memory: what a restarted validator reads back. */
function memoryState(
  saved: Record<string, unknown>,
  onSet?: (name: string, value: unknown) => void,
): PluginState {
  return {
    dir: '/nonexistent',
    slot<T>(name: string, _schema: unknown, initial: T): StateSlot<T> {
      const slot: StateSlot<T> = {
        get value() {
          return (name in saved ? saved[name] : initial) as T;
        },
        async set(value: T) {
          saved[name] = structuredClone(value);
          onSet?.(name, value);
        },
        async update(change) {
          await slot.set(change(slot.value));
        },
      };
      return slot;
    },
  };
}

function recordingLogger(lines: { msg: string; [k: string]: unknown }[]): Logger {
  const log = (fields: object, msg?: string) => lines.push({ ...fields, msg: msg ?? '' });
  const l = { info: log, warn: log, error: log, debug: () => {}, trace: () => {}, fatal: log };
  return l as unknown as Logger;
}

const OPTIONS = {
  model: 'tiny',
  inferenceDevice: 'cpu',
  inferenceThreads: 1,
  width: 64,
  height: 64,
  steps: 4,
  startConcurrency: 2,
  maxConcurrency: 4,
  maxRequests: 64,
  requestTimeout: 20,
  metricsMaxAgeH: 24,
  infoRefreshBlocks: 25,
  gatewayPort: 0,
  gatewayHost: '127.0.0.1',
  validationChance: 0.35,
} as Sn30Options;

function context(
  state: PluginState,
  lines: { msg: string; [k: string]: unknown }[],
): PluginContext<Sn30Options> {
  return {
    config: { role: 'validator' } as NeuronConfig,
    options: OPTIONS,
    logger: recordingLogger(lines),
    signal: new AbortController().signal,
    chain: {
      hotkey: validatorKey.ss58Address,
      sign: (m) => validatorKey.sign(m),
    } as PluginContext['chain'],
    state,
    figures: { set: () => {}, add: () => {} },
    env: {},
  };
}

function step(targets: TestMiner[], signal: AbortSignal, block = 100): StepContext<Dendrite> {
  const hotkeys = [validatorKey.ss58Address, ...targets.map((m) => m.target.hotkey)];
  const metagraph = {
    netuid: 30,
    block,
    hotkeys,
    stake: hotkeys.map(() => 0),
    validatorPermit: hotkeys.map((_, i) => i === 0),
    axons: [
      { ip: '0.0.0.0', port: 0, ipType: 4, version: 0, hotkey: hotkeys[0]! },
      ...targets.map((m) => ({ ...m.target, ipType: 4, version: 0 })),
    ],
    lastUpdate: hotkeys.map(() => 0),
    tempo: 10,
    weightsRateLimit: 0,
    commitRevealEnabled: false,
    weightsVersion: 0,
  } as NeuronMetagraph;
  return {
    step: 1,
    miners: [],
    dendrite: undefined as unknown as Dendrite,
    metagraph,
    uid: 0,
    config: { role: 'validator' } as NeuronConfig,
    signal,
    logger: recordingLogger([]),
    chain: {} as StepContext<Dendrite>['chain'],
  };
}

beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu', vae: false });
  const model = modelIdentity(pipeline.manifest);
  miners.push(await startTestMiner({ signer: Keypair.fromUri('//Sn30Honest'), model, pipeline }));
  miners.push(
    await startTestMiner({
      signer: Keypair.fromUri('//Sn30Cheat'),
      model,
      generators: [new RandomLatentsGenerator(model)],
    }),
  );
});
afterAll(async () => {
  for (const m of miners) await m.stop();
  await pipeline?.release();
});

describe('the SN30 validator plug-in', () => {
  it('tests one eligible miner per step and reports its RPM, similarity and error rate', async () => {
    const lines: { msg: string; [k: string]: unknown }[] = [];
    const v = await createSn30Validator(context(memoryState({}), lines));
    try {
      const rewards: Sn30Reward[] = [];
      for (let i = 0; i < 4 && new Set(rewards.map((r) => r.uid)).size < 2; i++) {
        const s = step(miners, new AbortController().signal, 100 + i);
        rewards.push(...(await v.score(await v.forward(s), s)));
      }
      const honest = rewards.find((r) => r.uid === 1)!;
      const cheat = rewards.find((r) => r.uid === 2)!;
      expect(honest.components).toMatchObject({ outcome: 'measured', similarity: 1, errorRate: 0 });
      expect(honest.reward).toBeGreaterThan(0);
      expect(cheat.components).toMatchObject({ outcome: 'measured', similarity: 0 });
      expect(cheat.reward).toBe(0);
    } finally {
      await v.close?.();
    }
  });

  it('resumes a test interrupted after its first round, keeping that round', async () => {
    const saved: Record<string, unknown> = {};
    const stop = new AbortController();
    const state = memoryState(saved, (name, value) => {
      const p = value as { rounds?: unknown[] } | null;
      if (name === 'stressTest' && (p?.rounds?.length ?? 0) >= 1) stop.abort(new Error('stopping'));
    });
    const first = await createSn30Validator(context(state, []));
    await expect(first.forward(step(miners.slice(0, 1), stop.signal))).rejects.toThrow('stopping');
    await first.close?.();
    expect(saved.stressTest).toMatchObject({ hotkey: miners[0]!.target.hotkey, rounds: [{ count: 2 }] });

    const lines: { msg: string; [k: string]: unknown }[] = [];
    const again = await createSn30Validator(context(memoryState(saved), lines));
    try {
      const s = step(miners.slice(0, 1), new AbortController().signal, 101);
      const rewards = await again.score(await again.forward(s), s);
      expect(lines.some((l) => l.msg === 'SN30 resuming the stress test in progress')).toBe(true);
      expect(rewards[0]!.stress).toMatchObject({ kind: 'measured', similarity: 1 });
      const rounds = (rewards[0]!.stress as { rounds: { count: number }[] }).rounds.map((r) => r.count);
      expect(rounds).toEqual([2, 4]);
      expect(saved.stressTest).toBeNull();
    } finally {
      await again.close?.();
    }
  });
});
