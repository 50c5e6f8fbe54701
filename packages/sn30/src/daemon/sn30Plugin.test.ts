import type { NeuronConfig, NeuronMetagraph } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_POLICY } from '../validator/minerMetrics.js';
import type { StressOutcome } from '../validator/stressTest.js';
import type { Sn30Options } from './sn30Options.js';
import { sn30ConfigProblem } from './sn30Plugin.js';
import { outcomeReward, sn30Scoring, stressComponents } from './sn30Scoring.js';

const NOW = 1_700_000_000_000;
const mg = {} as NeuronMetagraph;
const measured = (similarity: number, errorRate = 0): StressOutcome => ({
  kind: 'measured',
  count: 16,
  seconds: 4,
  errorRate,
  similarity,
  rounds: [],
  audited: 1,
  passed: similarity === 1 ? 1 : 0,
  failedDownloads: 0,
  minModelCosine: similarity,
});

const options = (o: Partial<Sn30Options> = {}) =>
  ({
    width: 1024,
    height: 1024,
    startConcurrency: 4,
    maxConcurrency: 256,
    gatewayPort: 0,
    ...o,
  }) as Sn30Options;
const role = (r: 'miner' | 'validator') => ({ role: r }) as NeuronConfig;

describe('sn30Scoring (the runtime strategy over the §5.1 metrics)', () => {
  it('pays the honest miner, nothing to a zero-similarity or caught cheater, and resets a new hotkey', () => {
    const s = sn30Scoring(DEFAULT_METRICS_POLICY, () => NOW);
    const state = s.initial();
    expect(s.sync(state, ['a', 'b', 'c'])).toEqual([]);
    s.update(
      state,
      [
        { uid: 0, hotkey: 'a', reward: 1, stress: measured(1) },
        { uid: 1, hotkey: 'b', reward: 0, stress: measured(0) },
        {
          uid: 2,
          hotkey: 'c',
          reward: 0,
          stress: { kind: 'failed', reason: 'hash', cheater: true, rounds: [] },
        },
      ],
      { metagraph: mg, step: 1 },
    );
    expect(s.weights(state, { metagraph: mg }).uids).toEqual([0]);
    expect(s.scores(state)).toEqual([1, 0, 0]);
    expect(state.miners[2]!.cheaterUntil).toBe(NOW + DEFAULT_METRICS_POLICY.cheaterPenaltyMs);
    // A later honest test does not pay a caught cheater while the penalty lasts.
    s.update(state, [{ uid: 2, hotkey: 'c', reward: 1, stress: measured(1) }], { metagraph: mg, step: 2 });
    expect(s.weights(state, { metagraph: mg }).uids).toEqual([0]);
    // uid 0 re-registered by another hotkey: its metrics start from nothing.
    expect(s.sync(state, ['z', 'b', 'c'])).toEqual([0]);
    expect(s.weights(state, { metagraph: mg }).uids).toEqual([]);
  });

  it('counts user successes as the bonus and failures as the penalty', () => {
    const s = sn30Scoring(DEFAULT_METRICS_POLICY, () => NOW);
    const state = s.initial();
    s.sync(state, ['a', 'b']);
    s.update(
      state,
      [
        { uid: 0, hotkey: 'a', reward: 1, stress: measured(1) },
        { uid: 1, hotkey: 'b', reward: 1, stress: measured(1) },
      ],
      { metagraph: mg, step: 1 },
    );
    s.update(
      state,
      [
        { uid: 0, hotkey: 'a', reward: null, user: { successes: 3, failures: 0, cheater: false } },
        { uid: 1, hotkey: 'b', reward: null, user: { successes: 0, failures: 2, cheater: false } },
      ],
      { metagraph: mg, step: 2 },
    );
    expect(state.miners[0]).toMatchObject({ userSuccesses: 3, userFailures: 0 });
    expect(state.miners[1]).toMatchObject({ userSuccesses: 0, userFailures: 2 });
    const w = s.weights(state, { metagraph: mg });
    expect(w.weights[0]!).toBeGreaterThan(w.weights[1]!);
  });

  it('reports the reward and its parts (RPM, similarity, error rate) for the dashboard', () => {
    expect(outcomeReward(measured(1), NOW, DEFAULT_METRICS_POLICY)).toBeGreaterThan(0);
    expect(outcomeReward(measured(0), NOW, DEFAULT_METRICS_POLICY)).toBe(0);
    expect(stressComponents(measured(1, 0.125))).toMatchObject({
      outcome: 'measured',
      rpm: 240,
      similarity: 1,
      errorRate: 0.125,
      cheater: false,
    });
    expect(
      stressComponents({ kind: 'failed', reason: 'hash mismatch', cheater: true, rounds: [] }),
    ).toMatchObject({ outcome: 'failed', rpm: 0, cheater: true });
  });
});

describe('sn30ConfigProblem', () => {
  it('refuses bad generator URLs, sizes off the 8-grid and a gateway nobody may use', () => {
    expect(
      sn30ConfigProblem(role('miner'), options({ generators: 'http://10.0.0.2:8001,http://b:8002/' })),
    ).toBe(undefined);
    expect(sn30ConfigProblem(role('miner'), options({ generators: 'ftp://x' }))).toMatch(/--sn30.generators/);
    expect(sn30ConfigProblem(role('validator'), options({ width: 1020 }))).toMatch(/multiples of 8/);
    expect(sn30ConfigProblem(role('validator'), options({ startConcurrency: 512 }))).toMatch(
      /start_concurrency/,
    );
    expect(sn30ConfigProblem(role('validator'), options({ gatewayPort: 8090 }))).toMatch(/gateway_api_keys/);
    expect(
      sn30ConfigProblem(role('validator'), options({ gatewayPort: 8090, gatewayApiKeys: '/keys.txt' })),
    ).toBe(undefined);
  });
});
