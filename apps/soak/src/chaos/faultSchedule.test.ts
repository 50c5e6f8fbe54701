import { describe, expect, it } from 'vitest';
import { chaosWindow, FAULT_KINDS, missingKinds, planFaults } from './faultSchedule.js';

const daemons = [
  { name: 'test-validator', role: 'validator' as const },
  { name: 'test-miner1', role: 'miner' as const },
  { name: 'test-miner2', role: 'miner' as const },
  { name: 'sn2-validator', role: 'validator' as const },
];

function plan(seed: string, minutes: number) {
  const durationS = minutes * 60;
  return { faults: planFaults({ seed, durationS, window: chaosWindow(durationS), daemons }), durationS };
}

describe('planFaults', () => {
  it('gives the same schedule for the same seed, another for another seed', () => {
    expect(plan('abc', 60).faults).toEqual(plan('abc', 60).faults);
    expect(plan('abc', 60).faults).not.toEqual(plan('abd', 60).faults);
  });

  it('fits every kind into a short run, one after the other, inside the window', () => {
    for (const seed of ['1', '2', '3', 'x', 'soak']) {
      const { faults, durationS } = plan(seed, 8);
      const w = chaosWindow(durationS);
      expect(missingKinds(faults)).toEqual([]);
      for (const [i, f] of faults.entries()) {
        expect(f.atS).toBeGreaterThanOrEqual(w.warmupS);
        expect(f.atS + f.durationS).toBeLessThanOrEqual(durationS - w.tailS);
        if (i > 0) expect(f.atS).toBeGreaterThan(faults[i - 1]!.atS + faults[i - 1]!.durationS);
      }
    }
  });

  it('hits the right roles and keeps outages between 20 and 60 s', () => {
    const { faults } = plan('roles', 60);
    expect(faults.length).toBeGreaterThanOrEqual(8);
    for (const f of faults) {
      if (f.kind === 'garbageMiner') expect(f.target).toMatch(/miner/);
      if (f.kind === 'diskFull') expect(f.target).toMatch(/validator/);
      if (f.kind === 'chainOutage') {
        expect(f.durationS).toBeGreaterThanOrEqual(20);
        expect(f.durationS).toBeLessThanOrEqual(60);
      }
    }
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(FAULT_KINDS));
  });

  it('says which kinds a too-short run leaves out', () => {
    expect(missingKinds(plan('short', 5).faults).length).toBeGreaterThan(0);
  });
});
