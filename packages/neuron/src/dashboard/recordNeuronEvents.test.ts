import type {
  DashboardRecorder,
  FiguresEvent,
  MinerRequestEvent,
  NeuronIdentity,
  ValidatorStepEvent,
  WeightsSetEvent,
} from '@taonode/dashboard';
import { describe, expect, it } from 'vitest';
import { NeuronEventBus } from '../events/neuronEvents.js';
import { recordNeuronEvents, weightsMode } from './recordNeuronEvents.js';

function capturing() {
  const calls = {
    identity: [] as NeuronIdentity[],
    steps: [] as ValidatorStepEvent[],
    weights: [] as WeightsSetEvent[],
    requests: [] as MinerRequestEvent[],
    figures: [] as FiguresEvent[],
  };
  const recorder: DashboardRecorder = {
    identity: (e) => void calls.identity.push(e),
    validatorStep: (e) => void calls.steps.push(e),
    weightsSet: (e) => void calls.weights.push(e),
    minerRequest: (e) => void calls.requests.push(e),
    figures: (e) => void calls.figures.push(e),
  } as DashboardRecorder;
  return { calls, recorder };
}

const daemon = { role: 'validator', subnet: 'sn2', netuid: 2, version: '0.1.0' } as const;

describe('recordNeuronEvents', () => {
  it('maps each runtime event onto one recorder call, components passed through as the subnet gave them', () => {
    const bus = new NeuronEventBus();
    bus.set('proofs made', 3);
    const { calls, recorder } = capturing();
    const off = recordNeuronEvents(bus, recorder, daemon);
    // Figures published before the dashboard listened arrive once at start.
    expect(calls.figures).toEqual([{ figures: { 'proofs made': 3 } }]);

    bus.emit('identity', { hotkey: '5Own', uid: 4, stake: 1000, block: 10 });
    bus.emit('block', { block: 11 });
    bus.emit('block', { block: 11 });
    expect(calls.identity).toEqual([
      {
        role: 'validator',
        subnet: 'sn2',
        netuid: 2,
        version: '0.1.0',
        hotkey: '5Own',
        uid: 4,
        stake: 1000,
        block: 10,
      },
      {
        role: 'validator',
        subnet: 'sn2',
        netuid: 2,
        version: '0.1.0',
        hotkey: '5Own',
        uid: 4,
        stake: 1000,
        block: 11,
      },
    ]);

    bus.emit('step', {
      step: 7,
      at: 1_000,
      block: 11,
      durationMs: 50,
      results: [
        { uid: 1, hotkey: '5A', reward: 0.5, score: 0.2, components: { verified: true, responseTime: 1.5 } },
        { uid: 2, hotkey: null, reward: null, score: 0.1 },
      ],
      reset: [2, 9],
    });
    expect(calls.steps).toEqual([
      {
        step: 7,
        at: 1_000,
        block: 11,
        durationMs: 50,
        miners: [
          {
            uid: 1,
            hotkey: '5A',
            reward: 0.5,
            score: 0.2,
            components: { verified: true, responseTime: 1.5 },
          },
          { uid: 2, reward: null, score: 0.1 },
          { uid: 9, reward: null, score: 0 },
        ],
      },
    ]);

    bus.emit('weights', {
      block: 20,
      at: 2_000,
      decidedAt: 19,
      epoch: 1,
      mode: 'committed',
      uids: [1],
      weights: [1],
    });
    expect(calls.weights).toEqual([
      { block: 20, at: 2_000, epoch: 1, mode: 'commit', uids: [1], weights: [1] },
    ]);

    bus.emit('request', {
      synapse: 'Dummy',
      hotkey: null,
      uid: null,
      status: 401,
      outcome: 'failed',
      detail: 'Not Verified',
      latencyMs: 2,
    });
    expect(calls.requests).toEqual([
      { caller: undefined, synapse: 'Dummy', outcome: 'failed', status: 401, latencyMs: 2 },
    ]);

    bus.set('__proto__', 'x');
    const last = calls.figures.at(-1)!.figures;
    expect(Object.keys(last)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(last)).toBe(Object.prototype);

    off();
    bus.emit('block', { block: 12 });
    expect(calls.identity).toHaveLength(2);
  });

  it('names the weights modes as the page does', () => {
    expect(weightsMode('set')).toBe('direct');
    expect(weightsMode('committed')).toBe('commit');
    expect(weightsMode('timelocked')).toBe('timelocked');
  });
});
