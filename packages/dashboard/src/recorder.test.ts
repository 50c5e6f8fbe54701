import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  figuresView,
  historyView,
  minersView,
  overviewView,
  requestsView,
  type ViewContext,
  weightsListView,
} from './api/views.js';
import { SegmentStore } from './history/segmentStore.js';
import { Recorder } from './recorder.js';
import {
  fillValidatorHistory,
  HOSTILE,
  syntheticMiner,
  syntheticValidator,
} from './testing/syntheticData.js';

const made: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dash-rec-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const DAY = 86_400_000;
// Real time: retention compares against file mtimes.
const NOW = Date.now();

async function recorderOn(dir: string, role: 'validator' | 'miner' = 'validator') {
  const store = await SegmentStore.open({ dir, retentionMs: 7 * DAY, maxBytes: 64 << 20, now: () => NOW });
  const recorder = new Recorder({
    role,
    retentionMs: 7 * DAY,
    store,
    now: () => NOW,
    flushIntervalMs: 3_600_000,
  });
  const report = await store.replay((l) => recorder.replayLine(l));
  return { recorder, store, report };
}

const ctx = (recorder: Recorder): ViewContext => ({ recorder, now: NOW, retentionMs: 7 * DAY, store: null });

describe('Recorder', () => {
  it('cleans hostile and malformed input instead of throwing', () => {
    const r = new Recorder({ role: 'validator', retentionMs: DAY, now: () => NOW });
    const long = 'x'.repeat(10_000);
    r.validatorStep({
      step: -3,
      miners: [
        {
          uid: 1,
          hotkey: long,
          reward: Number.NaN,
          score: Number.POSITIVE_INFINITY,
          components: { [long]: long, obj: {} as never, n: Number.NaN, ok: true, __proto__: 'p' } as never,
        },
        { uid: -1, reward: 1, score: 1 },
        { uid: 1.5, reward: 1, score: 1 },
        null as never,
      ],
    });
    r.validatorStep({ step: 1, miners: 'nope' as never });
    r.weightsSet({ block: 5, mode: 'evil' as never, uids: [1, -2, 3], weights: [1, 2, Number.NaN] });
    r.minerRequest({ caller: undefined, synapse: long, outcome: 'weird' as never, latencyMs: -5 });
    r.figures({ figures: null as never });
    const miners = minersView(ctx(r)).miners;
    expect(miners).toHaveLength(1);
    expect(miners[0]!.hotkey!.length).toBeLessThanOrEqual(64);
    expect(miners[0]!.score).toBe(0);
    expect(miners[0]!.reward).toBe(0);
    const keys = Object.keys(miners[0]!.components);
    expect(keys.every((k) => k.length <= 64)).toBe(true);
    expect(Object.values(miners[0]!.components)).toEqual([`${'x'.repeat(199)}…`, null, null, true]);
    const w = weightsListView(ctx(r), { range: '7d', limit: 10 }).sets[0]!;
    expect(w).toMatchObject({ mode: 'direct', uids: [1] });
    expect(requestsView(ctx(r), { range: '1h' }).callers[0]).toMatchObject({ hotkey: '(none)', failed: 1 });
  });

  it('survives a restart: history written by one process reads back the same in the next', async () => {
    const dir = tempDir();
    const a = await recorderOn(dir);
    a.recorder.identity({
      role: 'validator',
      subnet: 'sn2',
      netuid: 2,
      hotkey: HOSTILE[0],
      uid: 3,
      stake: 10,
    });
    const world = syntheticValidator({ miners: 20, hostile: true });
    fillValidatorHistory(a.recorder, world, {
      now: NOW,
      days: 0.5,
      stepMs: 60_000,
      sample: 8,
      tempoMs: 3_600_000,
    });
    a.recorder.figures({ figures: { proofs: 3, status: HOSTILE[1] }, at: NOW });
    const before = {
      miners: minersView(ctx(a.recorder)),
      history: historyView(ctx(a.recorder), { range: '24h', points: 50 }),
      weights: weightsListView(ctx(a.recorder), { range: '7d', limit: 100 }),
      figures: figuresView(ctx(a.recorder), { range: '24h', points: 50 }),
    };
    await a.recorder.close();

    const b = await recorderOn(dir);
    expect(b.report.skipped).toBe(0);
    expect(overviewView(ctx(b.recorder))).toMatchObject({ subnet: 'sn2', hotkey: HOSTILE[0], uid: 3 });
    const after = {
      miners: minersView(ctx(b.recorder)),
      history: historyView(ctx(b.recorder), { range: '24h', points: 50 }),
      weights: weightsListView(ctx(b.recorder), { range: '7d', limit: 100 }),
      figures: figuresView(ctx(b.recorder), { range: '24h', points: 50 }),
    };
    // Stored values are rounded to 6 decimals; everything else is identical.
    expect(after.miners.componentKeys).toEqual(before.miners.componentKeys);
    expect(after.miners.miners.map((m) => [m.uid, m.hotkey, m.components])).toEqual(
      before.miners.miners.map((m) => [m.uid, m.hotkey, m.components]),
    );
    for (const [i, m] of after.miners.miners.entries()) {
      expect(m.score).toBeCloseTo(before.miners.miners[i]!.score, 5);
    }
    expect(after.history.t).toEqual(before.history.t);
    expect(after.history.miners.map((h) => h.uid)).toEqual(before.history.miners.map((h) => h.uid));
    expect(after.weights.sets.map((s) => [s.block, s.mode, s.uids])).toEqual(
      before.weights.sets.map((s) => [s.block, s.mode, s.uids]),
    );
    expect(after.figures.latest).toEqual(before.figures.latest);
    await b.recorder.close();
  });

  it('after a crash keeps everything flushed before it; a torn line is skipped', async () => {
    const dir = tempDir();
    const a = await recorderOn(dir, 'miner');
    const world = syntheticMiner({ validators: 3 });
    for (let i = 0; i < 300; i++) world.requestAt(a.recorder, NOW - 600_000 + i * 1000);
    await a.recorder.flush();
    // What a kill -9 leaves: the flushed lines, a half-written one, and nothing of the unflushed.
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), '{"k":"r","t":17');
    world.requestAt(a.recorder, NOW);
    const b = await recorderOn(dir, 'miner');
    expect(b.report.skipped).toBe(1);
    expect(requestsView(ctx(b.recorder), { range: '1h' }).totals.requests).toBe(300);
    expect(requestsView(ctx(b.recorder), { range: '1h' }).callers).toEqual(
      requestsView(ctx(a.recorder), { range: '1h' }).callers.map((c) => ({
        ...c,
        requests: expect.any(Number),
        ok: expect.any(Number),
        blacklisted: expect.any(Number),
        failed: expect.any(Number),
        p50: expect.anything(),
        p90: expect.anything(),
        p99: expect.anything(),
        lastAt: expect.any(Number),
      })),
    );
  });

  it('holds live events back while history replays, then applies them after it, in order', async () => {
    const dir = tempDir();
    const a = await recorderOn(dir);
    a.recorder.validatorStep({
      step: 1,
      at: NOW - 60_000,
      miners: [{ uid: 2, hotkey: 'old', reward: 0.1, score: 0.1 }],
    });
    await a.recorder.close();
    const store = await SegmentStore.open({ dir, retentionMs: 7 * DAY, maxBytes: 64 << 20 });
    const r = new Recorder({ role: 'validator', retentionMs: 7 * DAY, store, flushIntervalMs: 3_600_000 });
    r.beginReplay();
    r.validatorStep({ step: 2, at: NOW, miners: [{ uid: 2, hotkey: 'new', reward: 0.9, score: 0.5 }] });
    expect(minersView(ctx(r)).miners).toEqual([]);
    await store.replay((l) => r.replayLine(l));
    r.endReplay();
    expect(minersView(ctx(r)).miners[0]).toMatchObject({ uid: 2, hotkey: 'new', score: 0.5, reward: 0.9 });
    expect(historyView(ctx(r), { range: '1h', points: 100 }).miners[0]!.score).toEqual([0.1, 0.5]);
    await r.close();
  });

  it('a failing disk is counted and logged once, and the page keeps working from memory', async () => {
    const warnings: string[] = [];
    const failing = {
      append: async () => {
        throw new Error('ENOSPC');
      },
      close: async () => {},
    } as unknown as SegmentStore;
    const r = new Recorder({
      role: 'validator',
      retentionMs: DAY,
      store: failing,
      now: () => NOW,
      logger: { warn: (_o, m) => warnings.push(m) },
    });
    for (let i = 0; i < 3; i++) {
      r.validatorStep({ step: i, miners: [{ uid: 1, reward: 1, score: 0.5 }] });
      await r.flush();
    }
    expect(r.writeErrors).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(minersView(ctx(r)).miners[0]!.score).toBe(0.5);
    await r.close();
  });
});
