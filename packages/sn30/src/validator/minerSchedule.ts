import { z } from 'zod';
import { cryptoRandom, pickWeighted, type RandomSource } from './csprng.js';

/**
 * Which miner is stress-tested next (spec §4.1): every serving miner has the block it was last
 * tested; the next one is drawn with probability ∝ (newest − its block), i.e. by staleness. A new
 * hotkey enters near the front: at min + (max − min)·r²/4. Hotkeys that stopped serving leave (their
 * metrics then expire, minerMetrics.ts). Miners that failed a user request are queued and taken on
 * alternate picks, as the reference's stress_test_queue.
 */
export const minerScheduleSchema = z.object({
  lastTested: z.record(z.string(), z.number()),
  queue: z.array(z.string()),
  picks: z.number().int().nonnegative(),
});
export type MinerSchedule = z.infer<typeof minerScheduleSchema>;

export function emptySchedule(): MinerSchedule {
  return { lastTested: {}, queue: [], picks: 0 };
}

/** Follows the serving miners (hotkeys): drops the others, adds new ones near the front. */
export function refreshSchedule(
  schedule: MinerSchedule,
  serving: readonly string[],
  block: number,
  rng: RandomSource = cryptoRandom,
): { added: string[]; removed: string[] } {
  const keep = new Set(serving);
  const removed = Object.keys(schedule.lastTested).filter((h) => !keep.has(h));
  for (const h of removed) delete schedule.lastTested[h];
  schedule.queue = schedule.queue.filter((h) => keep.has(h));
  const values = Object.values(schedule.lastTested);
  const min = values.length > 0 ? Math.min(...values) : block;
  const max = values.length > 0 ? Math.max(...values) : block;
  const added: string[] = [];
  for (const h of serving) {
    if (h in schedule.lastTested) continue;
    const r = rng.float();
    schedule.lastTested[h] = min + Math.floor((max - min) * r * r * 0.25);
    added.push(h);
  }
  return { added, removed };
}

/** Queues a miner for an early test (a failed user request). */
export function queueForTest(schedule: MinerSchedule, hotkey: string): void {
  if (hotkey in schedule.lastTested && !schedule.queue.includes(hotkey)) schedule.queue.push(hotkey);
}

/** The next miner to test, skipping `busy` ones (tests in flight); undefined when none is free. */
export function pickNextMiner(
  schedule: MinerSchedule,
  busy: ReadonlySet<string> = new Set(),
  rng: RandomSource = cryptoRandom,
): string | undefined {
  schedule.picks++;
  if (schedule.picks % 2 === 0) {
    const at = schedule.queue.findIndex((h) => !busy.has(h));
    if (at >= 0) return schedule.queue.splice(at, 1)[0];
  }
  const entries = Object.entries(schedule.lastTested).filter(([h]) => !busy.has(h));
  if (entries.length === 0) return undefined;
  const max = Math.max(...entries.map(([, v]) => v));
  const chosen =
    entries[
      pickWeighted(
        entries.map(([, v]) => max - v),
        rng,
      )
    ]![0];
  schedule.queue = schedule.queue.filter((h) => h !== chosen);
  return chosen;
}

/** After a test: the miner goes to the back (tested now). */
export function markTested(schedule: MinerSchedule, hotkey: string, block: number): void {
  if (hotkey in schedule.lastTested) schedule.lastTested[hotkey] = block;
}
