import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChainError } from '@taonode/chain';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph, WeightsOutcome } from '../chainPort/types.js';
import { loadConfig } from '../config/loadConfig.js';
import { NeuronEventBus } from '../events/neuronEvents.js';
import { createNeuronMetrics } from '../health/neuronMetrics.js';
import { StepAbortedError } from '../lifecycle/untilAborted.js';
import { perUidScoresSchema, syncPerUid } from '../scoring/perUidScores.js';
import type { PerUidScores, Reward } from '../scoring/scoringStrategy.js';
import type { ValidatorHooks } from '../subnet/validatorPlugin.js';
import { tempDirs } from '../testing/tempDirs.js';
import { waitFor } from '../testing/waitFor.js';
import { ValidatorLoop } from './validatorLoop.js';

const dirs = tempDirs('neuron-vloop-');
afterAll(() => dirs.cleanup());

const axon = (port: number) => ({ ip: '127.0.0.2', port, ipType: 4, version: 1, hotkey: '' });

function fakeChain(state: { block: number; mg: NeuronMetagraph }) {
  const submitted: { uids: number[]; weights: number[]; block: number; versionKey: number }[] = [];
  const reveals: number[] = [];
  let failNext: Error | undefined;
  const port: ChainPort = {
    subscribeBlocks: async () => () => {},
    blockNumber: async () => state.block,
    metagraph: async () => ({ ...state.mg, block: state.block }),
    serveAxon: async () => 'unchanged',
    submitWeights: async (args): Promise<WeightsOutcome> => {
      if (failNext) {
        const e = failNext;
        failNext = undefined;
        throw e;
      }
      submitted.push({
        uids: args.uids,
        weights: args.weights,
        block: state.block,
        versionKey: args.versionKey,
      });
      state.mg.lastUpdate[0] = state.block;
      return { kind: state.mg.commitRevealEnabled ? 'committed' : 'set', block: state.block };
    },
    revealDue: async () => {
      reveals.push(state.block);
      return 0;
    },
    isConnected: () => true,
    close: async () => {},
  };
  return {
    port,
    submitted,
    reveals,
    failWith: (e: Error) => {
      failNext = e;
    },
  };
}

function setup(
  stateDir: string,
  state: { block: number; mg: NeuronMetagraph },
  extra: string[] = [],
  opts: {
    signal?: AbortSignal;
    hang?: boolean;
    events?: NeuronEventBus;
    hooks?: Partial<ValidatorHooks<string, number[], Reward, PerUidScores, { uid: number; hotkey: string }>>;
  } = {},
) {
  const r = loadConfig({
    role: 'validator',
    argv: ['--netuid', '2', '--neuron.state_dir', stateDir, '--neuron.moving_average_alpha', '0.5', ...extra],
    env: {},
  });
  const asked: number[][] = [];
  if (r.kind !== 'config') throw new Error('config');
  const chain = fakeChain(state);
  const logger = pino({ level: 'silent' });
  const cache = new MetagraphCache(() => chain.port.metagraph(2), 1, logger);
  const hooks: ValidatorHooks<string, number[], Reward, PerUidScores, { uid: number; hotkey: string }> = {
    forward: async (ctx) => {
      asked.push(ctx.miners.map((m) => m.uid));
      if (opts.hang) await new Promise(() => {});
      return ctx.miners.map((m) => m.uid);
    },
    score: (uids: number[]) => uids.map((uid) => ({ uid, reward: uid === 1 ? 1 : 0.5 })),
    ...opts.hooks,
  };
  const loop = new ValidatorLoop({
    config: r.config,
    hotkey: 'val',
    versionKey: 7,
    chain: chain.port,
    cache,
    dendrite: 'dendrite',
    logger,
    metrics: createNeuronMetrics({ role: 'validator', netuid: 2 }),
    signal: opts.signal ?? new AbortController().signal,
    ...(opts.events ? { events: opts.events } : {}),
    hooks,
  });
  return { loop, chain, asked };
}

function metagraph(): NeuronMetagraph {
  return {
    netuid: 2,
    block: 0,
    hotkeys: ['val', 'm1', 'm2'],
    stake: [100, 0, 0],
    validatorPermit: [true, false, false],
    axons: [axon(0), axon(1), axon(2)],
    lastUpdate: [1, 1, 1],
    tempo: 10,
    weightsRateLimit: 0,
    commitRevealEnabled: false,
    weightsVersion: 0,
  };
}

describe('ValidatorLoop', () => {
  it('scores miners, sets weights once per tempo, and resumes after a restart', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state);
    await a.loop.resume();
    await a.loop.step();
    expect(a.loop.scores).toEqual([0, 0.5, 0.25]);
    expect(a.chain.submitted).toHaveLength(1);
    state.block = 25;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);

    // "restart": a new loop on the same folder picks the scores and the weights record up.
    const b = setup(dir, state);
    await b.loop.resume();
    expect(b.loop.steps).toBe(2);
    expect(b.loop.scores).toEqual([0, 0.75, 0.375]);
    await b.loop.step();
    expect(b.chain.submitted).toHaveLength(0);
    state.block = 31;
    await b.loop.step();
    expect(b.chain.submitted).toHaveLength(1);
    expect(b.chain.submitted[0]!.uids).toEqual([1, 2]);
  });

  it("follows the plug-in's weights cadence and lets it reshape the weights", async () => {
    const state = { block: 20, mg: metagraph() };
    const a = setup(dirs.make(), state, [], {
      hooks: {
        // Only on even blocks; the plug-in routes half of the weight to uid 0.
        weightsCadence: ({ block }) =>
          block % 2 === 0 ? { due: true } : { due: false, reason: 'odd', retryAtBlock: block + 1 },
        finalizeWeights: (w) => ({ uids: [0, ...w.uids], weights: [0.5, ...w.weights.map((x) => x / 2)] }),
      },
    });
    await a.loop.resume();
    state.block = 21;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(0);
    state.block = 22;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);
    expect(a.chain.submitted[0]!.uids).toEqual([0, 1, 2]);
    expect(a.chain.submitted[0]!.weights[0]).toBe(0.5);
  });

  it('does not resend weights whose reply was lost when the chain already has them', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state);
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);
    // The chain took a submission at block 31 but the websocket died before the reply.
    state.block = 31;
    state.mg.lastUpdate[0] = 31;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);
    state.block = 42;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(2);
  });

  it('resets the score of a uid whose hotkey changed, also across a restart', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state);
    await a.loop.step();
    expect(a.loop.scores[1]).toBeGreaterThan(0);
    state.mg.hotkeys[1] = 'newcomer';
    state.block = 21;
    const b = setup(dir, state);
    await b.loop.resume();
    expect(b.loop.scores[1]).toBe(0.5);
    await b.loop.step();
    // uid 1 restarted from 0 (one reward of 1 at alpha 0.5); uid 2 kept its history.
    const saved = JSON.parse(readFileSync(join(dir, 'validator-state.json'), 'utf8'));
    expect(saved.scoring.state).toMatchObject({
      hotkeys: ['val', 'newcomer', 'm2'],
      scores: [0, 0.5, 0.375],
    });
    expect(b.loop.scores).toEqual([0, 0.5, 0.375]);
  });

  it('sends the plug-in version key, and commits and reveals on a commit-reveal subnet', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: { ...metagraph(), commitRevealEnabled: true } };
    const a = setup(dir, state);
    await a.loop.step();
    expect(a.chain.submitted).toMatchObject([{ versionKey: 7 }]);
    state.block = 22;
    await a.loop.step();
    expect(a.chain.reveals).toEqual([20, 22]);
    const saved = JSON.parse(readFileSync(join(dir, 'validator-state.json'), 'utf8'));
    expect(saved.lastWeights).toMatchObject({ block: 20, mode: 'committed', uids: [1, 2] });
  });

  it('drops a step cut short by a stop instead of waiting for the dendrite timeout', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    await setup(dir, state).loop.step();
    const controller = new AbortController();
    const b = setup(dir, state, [], { signal: controller.signal, hang: true });
    await b.loop.resume();
    const step = b.loop.step();
    setTimeout(() => controller.abort(), 20);
    await expect(step).rejects.toThrow(StepAbortedError);
    const saved = JSON.parse(readFileSync(join(dir, 'validator-state.json'), 'utf8'));
    expect(saved.step).toBe(1);
  });

  it('samples at most --neuron.sample_size miners per step', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state, ['--neuron.sample_size', '1']);
    for (let i = 0; i < 4; i++) await a.loop.step();
    expect(a.asked.every((uids) => uids.length === 1)).toBe(true);
  });

  it('backs off after a chain rejection and retries later', async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state);
    a.chain.failWith(new ChainError('NeuronNoValidatorPermit', 'no permit'));
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(0);
    state.block = 21;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(0);
    state.block = 31;
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);
  });

  it('asks the candidates a plug-in picks, reports each step and weights to listeners', async () => {
    const events = new NeuronEventBus();
    const steps: unknown[] = [];
    const weights: unknown[] = [];
    events.on('step', (e) => steps.push(e));
    events.on('weights', (e) => weights.push(e));
    const state = { block: 20, mg: metagraph() };
    const a = setup(dirs.make(), state, [], {
      events,
      hooks: {
        // A model-submission subnet: everyone registered, no axon needed.
        candidates: (ctx) =>
          ctx.metagraph.hotkeys.map((hotkey, uid) => ({ uid, hotkey })).filter((c) => c.uid !== ctx.uid),
        score: (uids: number[]) => uids.map((uid) => ({ uid, reward: 1, components: { verified: true } })),
      },
    });
    await a.loop.step();
    expect(a.asked).toEqual([[1, 2]]);
    expect(steps).toMatchObject([
      {
        step: 0,
        results: [
          { uid: 1, hotkey: 'm1', reward: 1, score: 0.5, components: { verified: true } },
          { uid: 2, hotkey: 'm2', reward: 1, score: 0.5 },
        ],
      },
    ]);
    expect(weights).toMatchObject([{ block: 20, mode: 'set', uids: [1, 2] }]);
  });

  it("keeps scores with the plug-in's own strategy and its weights rule", async () => {
    const dir = dirs.make();
    const state = { block: 20, mg: metagraph() };
    const a = setup(dir, state, [], {
      hooks: {
        scoring: {
          kind: 'last-reward-wins',
          schema: perUidScoresSchema,
          initial: () => ({ hotkeys: [], scores: [] }),
          sync: (st, hotkeys) => syncPerUid(st, hotkeys),
          update: (st, rewards) => {
            for (const r of rewards) if (r.reward !== null) st.scores[r.uid] = r.reward;
          },
          // Winner takes all.
          weights: (st) => ({ uids: [st.scores.indexOf(Math.max(...st.scores))], weights: [1] }),
          scores: (st) => st.scores,
        },
      },
    });
    await a.loop.step();
    expect(a.loop.scores).toEqual([0, 1, 0.5]);
    expect(a.chain.submitted[0]).toMatchObject({ uids: [1], weights: [1] });
    expect(JSON.parse(readFileSync(join(dir, 'validator-state.json'), 'utf8')).scoring.kind).toBe(
      'last-reward-wins',
    );
  });

  it('sets weights while a long step is still running', async () => {
    const state = { block: 20, mg: metagraph() };
    const a = setup(dirs.make(), state);
    await a.loop.step();
    expect(a.chain.submitted).toHaveLength(1);
    const b = setup(dirs.make(), state, [], { hang: true });
    state.block = 31;
    void b.loop.step().catch(() => undefined);
    // Wait for the step to be under way (on a busy machine it may take a while to get there).
    await waitFor('the hanging step to start', () => b.loop.runningSince > 0, {
      timeoutMs: 20_000,
      intervalMs: 5,
    });
    expect(b.loop.runningSince).toBeGreaterThan(0);
    await b.loop.weightsBetweenSteps();
    // b has no scores of its own yet: nothing to send, but it looked (and did not wait for the step).
    expect(b.chain.submitted).toHaveLength(0);
    const c = setup(dirs.make(), state);
    await c.loop.step();
    const before = c.chain.submitted.length;
    state.block = 45;
    await c.loop.weightsBetweenSteps();
    expect(c.chain.submitted.length).toBe(before + 1);
  });
});
