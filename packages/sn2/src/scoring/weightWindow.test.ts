import type { NeuronMetagraph } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { blocksUntilNextEpoch, epochOf, sn2WeightsCadence } from './weightWindow.js';

// Golden values worked out by hand from §4.5: epoch = (b + netuid + 1) // (T + 1),
// blocks_until_next = T − (b + netuid + 1) % (T + 1).
describe('SN2 epoch math (spec §4.5)', () => {
  it('netuid 2, tempo 360', () => {
    // 1000 + 3 = 1003 = 2·361 + 281
    expect(epochOf(1000, 2)).toBe(2);
    expect(blocksUntilNextEpoch(1000, 2)).toBe(79);
    // 1079 + 3 = 1082 = 2·361 + 360: the epoch's last block
    expect(epochOf(1079, 2)).toBe(2);
    expect(blocksUntilNextEpoch(1079, 2)).toBe(0);
    // 1080 + 3 = 1083 = 3·361: a new epoch, a full tempo to go
    expect(epochOf(1080, 2)).toBe(3);
    expect(blocksUntilNextEpoch(1080, 2)).toBe(360);
    // 1064 + 3 = 1067 = 2·361 + 345 → 15 (inside the buffer); one block earlier → 16
    expect(blocksUntilNextEpoch(1064, 2)).toBe(15);
    expect(blocksUntilNextEpoch(1063, 2)).toBe(16);
  });

  it('netuid 1, tempo 10 (the local demo)', () => {
    // 42 + 2 = 44 = 4·11; 51 + 2 = 53 = 4·11 + 9; 52 + 2 = 54 = 4·11 + 10
    expect([epochOf(42, 1, 10), blocksUntilNextEpoch(42, 1, 10)]).toEqual([4, 10]);
    expect([epochOf(51, 1, 10), blocksUntilNextEpoch(51, 1, 10)]).toEqual([4, 1]);
    expect([epochOf(52, 1, 10), blocksUntilNextEpoch(52, 1, 10)]).toEqual([4, 0]);
    expect(epochOf(53, 1, 10)).toBe(5);
  });
});

const mg = (tempo: number, weightsRateLimit = 0): NeuronMetagraph => ({
  netuid: 2,
  block: 0,
  hotkeys: [],
  stake: [],
  validatorPermit: [],
  axons: [],
  lastUpdate: [],
  tempo,
  weightsRateLimit,
  commitRevealEnabled: false,
  weightsVersion: 0,
});

describe('sn2WeightsCadence', () => {
  const reference = sn2WeightsCadence({ rateLimit: 100, updateBuffer: 15 });

  it('waits 100 blocks after the last update', () => {
    expect(reference({ block: 1064, mg: mg(360), lastSet: 1000 })).toMatchObject({
      due: false,
      retryAtBlock: 1100,
    });
  });

  it('sets only within 15 blocks of the epoch boundary, and says when the window opens', () => {
    expect(reference({ block: 1063, mg: mg(360), lastSet: 900 })).toMatchObject({
      due: false,
      retryAtBlock: 1064,
    });
    expect(reference({ block: 1064, mg: mg(360), lastSet: 900 })).toEqual({ due: true });
    expect(reference({ block: 1079, mg: mg(360), lastSet: 900 })).toEqual({ due: true });
    // 1425 + 3 = 1428 = 3·361 + 345 → 15 blocks left: the next window
    expect(reference({ block: 1080, mg: mg(360), lastSet: 900 })).toMatchObject({
      due: false,
      retryAtBlock: 1425,
    });
    expect(blocksUntilNextEpoch(1425, 2)).toBe(15);
  });

  it("uses the chain's tempo unless one is configured, and the chain's rate limit when longer", () => {
    // tempo 10: 60 + 3 = 63 = 5·11 + 8 → 2 blocks left
    expect(reference({ block: 60, mg: mg(10), lastSet: 0 }).due).toBe(false); // rate limit 100
    const demo = sn2WeightsCadence({ rateLimit: 10, updateBuffer: 1 });
    expect(demo({ block: 60, mg: mg(10), lastSet: 0 })).toMatchObject({ due: false, retryAtBlock: 61 });
    expect(demo({ block: 61, mg: mg(10), lastSet: 0 })).toEqual({ due: true });
    const fixed = sn2WeightsCadence({ rateLimit: 10, updateBuffer: 15, tempo: 360 });
    expect(fixed({ block: 1063, mg: mg(10), lastSet: 0 }).due).toBe(false);
    expect(demo({ block: 61, mg: mg(10, 50), lastSet: 20 })).toMatchObject({ due: false, retryAtBlock: 70 });
  });
});
