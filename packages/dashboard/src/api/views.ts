import type { Recorder } from '../recorder.js';
import { weightsView } from '../recorder.js';
import { RANGES, type RangeName } from './queryParams.js';

/**
 * The JSON the page reads (docs/dashboard.md documents every field). Plain objects built from the
 * recorder's models; the handler caches them per data version.
 */
export interface ViewContext {
  recorder: Recorder;
  now: number;
  retentionMs: number;
  store: { bytes: number; segments: number; oldestAt: number | null; maxBytes: number } | null;
}

/** The window a range names, starting no earlier than the oldest data (`firstAt`) when given. */
function span(ctx: ViewContext, range: RangeName, firstAt?: number | null): { from: number; to: number } {
  const ms = range === 'all' ? ctx.retentionMs : Math.min(RANGES[range], ctx.retentionMs);
  const from = ctx.now - ms;
  return { from: firstAt != null && firstAt > from && firstAt < ctx.now ? firstAt : from, to: ctx.now };
}

export function overviewView(ctx: ViewContext) {
  const r = ctx.recorder;
  const v = r.validator;
  const last = v.lastWeights;
  return {
    ...r.identityView,
    now: ctx.now,
    startedAt: r.startedAt,
    validator:
      r.identityView.role === 'validator'
        ? {
            steps: v.steps,
            lastStep: v.lastStep,
            miners: v.latest.size,
            lastWeights: last
              ? { ...weightsView(last), uids: undefined, weights: undefined, count: last.uids.length }
              : null,
          }
        : null,
    miner:
      r.identityView.role === 'miner'
        ? {
            requests: {
              total: r.miner.totals.ok + r.miner.totals.blacklisted + r.miner.totals.failed,
              ok: r.miner.totals.ok,
              blacklisted: r.miner.totals.blacklisted,
              failed: r.miner.totals.failed,
            },
            lastRequestAt: r.miner.totals.lastAt || null,
          }
        : null,
    history: {
      persisted: ctx.store !== null,
      loading: r.replaying,
      retentionDays: Math.round((ctx.retentionMs / 86_400_000) * 100) / 100,
      bytes: ctx.store?.bytes ?? 0,
      maxBytes: ctx.store?.maxBytes ?? 0,
      segments: ctx.store?.segments ?? 0,
      oldestAt: ctx.store?.oldestAt ?? null,
      droppedRecords: r.droppedRecords,
      writeErrors: r.writeErrors,
    },
  };
}

/** Component keys in first-seen order over every miner's last components (the table's extra columns). */
export function componentKeys(recorder: Recorder, max = 24): string[] {
  const keys = new Set<string>();
  for (const m of recorder.validator.latest.values()) {
    for (const k of Object.keys(m.components)) {
      keys.add(k);
      if (keys.size >= max) return [...keys];
    }
  }
  return [...keys];
}

export function minersView(ctx: ViewContext) {
  const miners = [...ctx.recorder.validator.latest.values()].sort((a, b) => a.uid - b.uid);
  return {
    at: ctx.now,
    componentKeys: componentKeys(ctx.recorder),
    miners: miners.map((m) => ({
      uid: m.uid,
      hotkey: m.hotkey,
      score: m.score,
      reward: m.reward,
      components: m.components,
      step: m.step,
      at: m.at,
      samples: m.samples,
    })),
  };
}

/** Five decimals: finer than a plot shows, at a third of the bytes of a full double (scores are 0..1). */
const dec5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Moving scores on one time grid shared by every uid: `t[i]` is the end of the i-th non-empty span,
 * each uid's `score[i]` the last score in it or null. One `t` for all uids keeps 256 miners × 240
 * points small, and is the aligned form a chart wants.
 */
export function historyView(ctx: ViewContext, p: { range: RangeName; points: number; uids?: number[] }) {
  const v = ctx.recorder.validator;
  const { from, to } = span(ctx, p.range, v.firstAt);
  const uids = p.uids ?? [...v.latest.keys()].sort((a, b) => a - b).slice(0, 256);
  const slices: { uid: number; span: number[]; level: number[] }[] = [];
  const used = new Set<number>();
  for (const uid of uids) {
    const s = v.history(uid, from, to, p.points);
    if (!s || s.t.length === 0) continue;
    slices.push({ uid, span: s.span, level: s.level });
    for (const k of s.span) used.add(k);
  }
  const spans = [...used].sort((a, b) => a - b);
  const column = new Map(spans.map((k, i) => [k, i]));
  const width = (to - from) / p.points;
  const miners = slices.map(({ uid, span: keys, level }) => {
    const score: (number | null)[] = new Array(spans.length).fill(null);
    keys.forEach((k, i) => {
      score[column.get(k)!] = dec5(level[i]!);
    });
    return { uid, score };
  });
  return {
    range: p.range,
    from,
    to,
    points: p.points,
    t: spans.map((k) => Math.min(to, Math.round(from + (k + 1) * width))),
    miners,
  };
}

export function weightsListView(ctx: ViewContext, p: { range: RangeName; limit: number }) {
  const { from } = span(ctx, p.range);
  const sets = ctx.recorder.validator.weights.filter((w) => w.t >= from).slice(-p.limit);
  return { range: p.range, sets: sets.map(weightsView) };
}

export function requestsView(ctx: ViewContext, p: { range: RangeName }) {
  const { from, to } = span(ctx, p.range);
  return { range: p.range, from, to, ...ctx.recorder.miner.query(from, to) };
}

export function figuresView(ctx: ViewContext, p: { range: RangeName; points: number }) {
  const f = ctx.recorder.figuresModel;
  const { from, to } = span(ctx, p.range, f.firstAt);
  return {
    range: p.range,
    latest: [...f.latest.entries()].map(([key, { value, at }]) => ({ key, value, at })),
    series: f
      .history(from, to, p.points)
      .filter(({ slice }) => slice.t.length > 0)
      .map(({ key, slice }) => ({ key, t: slice.t.map(Math.round), v: slice.level })),
  };
}
