import { describe, expect, it } from 'vitest';
import type { NeuronMetagraph } from '../chainPort/types.js';
import { weightsDecision } from './weightsSchedule.js';

const mg = (lastUpdate: number, tempo = 10, weightsRateLimit = 0): NeuronMetagraph => ({
  netuid: 2,
  block: 100,
  hotkeys: ['v'],
  stake: [1],
  validatorPermit: [true],
  axons: [],
  lastUpdate: [lastUpdate],
  tempo,
  weightsRateLimit,
  commitRevealEnabled: false,
  weightsVersion: 0,
});

describe('weightsDecision', () => {
  it('is due once per tempo after the later of our record and the chain LastUpdate', () => {
    expect(weightsDecision({ block: 100, mg: mg(95), ownUid: 0, last: null, backoffUntilBlock: 0 }).due).toBe(
      false,
    );
    expect(weightsDecision({ block: 105, mg: mg(95), ownUid: 0, last: null, backoffUntilBlock: 0 }).due).toBe(
      true,
    );
    const last = { block: 104, epoch: 9, uids: [0], weights: [1], mode: 'set' };
    expect(weightsDecision({ block: 105, mg: mg(95), ownUid: 0, last, backoffUntilBlock: 0 })).toMatchObject({
      due: false,
      retryAtBlock: 114,
    });
  });

  it('honours a rate limit longer than the tempo and a backoff', () => {
    expect(
      weightsDecision({ block: 120, mg: mg(100, 10, 50), ownUid: 0, last: null, backoffUntilBlock: 0 }).due,
    ).toBe(false);
    expect(
      weightsDecision({ block: 150, mg: mg(100, 10, 50), ownUid: 0, last: null, backoffUntilBlock: 152 }).due,
    ).toBe(false);
  });
});

describe('weightsDecision with a subnet cadence', () => {
  it('hands the cadence the later of our record and LastUpdate, after the backoff', () => {
    const seen: number[] = [];
    const cadence = ({ lastSet }: { lastSet: number }) => {
      seen.push(lastSet);
      return { due: true } as const;
    };
    const last = { block: 104, epoch: 9, uids: [0], weights: [1], mode: 'set' };
    expect(
      weightsDecision({ block: 120, mg: mg(95), ownUid: 0, last, backoffUntilBlock: 0, cadence }).due,
    ).toBe(true);
    expect(
      weightsDecision({ block: 120, mg: mg(110), ownUid: 0, last, backoffUntilBlock: 0, cadence }).due,
    ).toBe(true);
    expect(
      weightsDecision({ block: 120, mg: mg(110), ownUid: 0, last, backoffUntilBlock: 125, cadence }).due,
    ).toBe(false);
    expect(seen).toEqual([104, 110]);
  });
});
