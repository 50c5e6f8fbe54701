import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seededRandom.js';
import {
  emptySchedule,
  markTested,
  minerScheduleSchema,
  pickNextMiner,
  queueForTest,
  refreshSchedule,
} from './minerSchedule.js';

describe('miner schedule (staleness heap)', () => {
  it('picks by staleness: the longest untested most often, the just-tested never while others wait', () => {
    const rng = seededRandom(7);
    const s = emptySchedule();
    refreshSchedule(s, ['a', 'b', 'c'], 100, rng);
    markTested(s, 'a', 100);
    markTested(s, 'b', 150);
    markTested(s, 'c', 200);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 600; i++) {
      s.picks = 1; // odd: the heap, not the queue
      counts[pickNextMiner(s, new Set(), rng)!]!++;
    }
    expect(counts.c).toBe(0);
    expect(counts.a! / counts.b!).toBeGreaterThan(1.5);
  });

  it('inserts new hotkeys near the front, drops those no longer serving', () => {
    const rng = seededRandom(9);
    const s = emptySchedule();
    refreshSchedule(s, ['a', 'b'], 0, rng);
    markTested(s, 'a', 1000);
    markTested(s, 'b', 2000);
    const { added, removed } = refreshSchedule(s, ['b', 'new'], 2000, rng);
    expect(added).toEqual(['new']);
    expect(removed).toEqual(['a']);
    // min + (max−min)·r²/4 with one remaining value: exactly the newest…
    expect(s.lastTested.new).toBe(2000);
    refreshSchedule(s, ['b', 'new', 'c', 'd'], 2000, rng);
    markTested(s, 'b', 4000);
    refreshSchedule(s, ['b', 'new', 'c', 'd', 'e'], 4000, rng);
    // …in general within the first quarter of the range.
    expect(s.lastTested.e).toBeGreaterThanOrEqual(2000);
    expect(s.lastTested.e).toBeLessThanOrEqual(2000 + 2000 / 4);
  });

  it('serves queued miners on alternate picks and skips busy ones', () => {
    const rng = seededRandom(11);
    const s = emptySchedule();
    refreshSchedule(s, ['a', 'b', 'c'], 10, rng);
    queueForTest(s, 'b');
    queueForTest(s, 'b');
    queueForTest(s, 'zzz'); // not serving: ignored
    expect(s.queue).toEqual(['b']);
    s.picks = 1;
    expect(pickNextMiner(s, new Set(), rng)).toBe('b');
    expect(s.queue).toEqual([]);
    expect(pickNextMiner(s, new Set(['a', 'b', 'c']), rng)).toBeUndefined();
    expect(minerScheduleSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
