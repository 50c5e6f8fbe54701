import type { RequestOutcome } from '../events.js';
import { mergeInto, newHistogram, percentiles } from './latencyHistogram.js';

/** Requests of one (caller, synapse) pair in one time bucket; latency is of answered (ok) requests. */
export interface RequestAgg {
  caller: string;
  synapse: string;
  ok: number;
  blacklisted: number;
  failed: number;
  hist: Uint32Array;
  lastAt: number;
}

export interface MinerModelOptions {
  retentionMs: number;
  /** Distinct (caller, synapse) pairs kept per bucket; the rest are lumped under OTHER_CALLERS. */
  maxKeysPerBucket?: number;
  /** Per-minute totals kept this long, for fine-grained recent charts. */
  fineSpanMs?: number;
}

export const OTHER_CALLERS = '(other callers)';
const MINUTE = 60_000;
const QS = [0.5, 0.9, 0.99] as const;

export interface CallerStats {
  hotkey: string;
  synapses: string[];
  requests: number;
  ok: number;
  blacklisted: number;
  failed: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  lastAt: number;
}

export interface RequestSeries {
  bucketMs: number;
  t: number[];
  ok: number[];
  blacklisted: number[];
  failed: number[];
  p50: (number | null)[];
  p90: (number | null)[];
  p99: (number | null)[];
}

interface Totals {
  ok: number;
  blacklisted: number;
  failed: number;
  hist: Uint32Array;
}

function emptyAgg(caller: string, synapse: string): RequestAgg {
  return { caller, synapse, ok: 0, blacklisted: 0, failed: 0, hist: newHistogram(), lastAt: 0 };
}

function emptyTotals(): Totals {
  return { ok: 0, blacklisted: 0, failed: 0, hist: newHistogram() };
}

function addCounts(target: Totals | RequestAgg, source: Totals | RequestAgg): void {
  target.ok += source.ok;
  target.blacklisted += source.blacklisted;
  target.failed += source.failed;
  mergeInto(target.hist, source.hist);
}

/**
 * The miner view's numbers: requests per caller hotkey in coarse buckets over the whole retention
 * (memory fixed by bucket count × pairs per bucket), and per-minute totals over the last hours.
 */
export class MinerModel {
  readonly bucketMs: number;
  readonly totals = { ok: 0, blacklisted: 0, failed: 0, lastAt: 0 };
  private readonly coarse = new Map<number, Map<string, RequestAgg>>();
  private readonly fine = new Map<number, Totals>();
  private readonly maxKeys: number;
  private readonly fineSpanMs: number;

  constructor(private readonly options: MinerModelOptions) {
    this.bucketMs = Math.max(MINUTE, Math.ceil(options.retentionMs / 2016 / MINUTE) * MINUTE);
    this.maxKeys = options.maxKeysPerBucket ?? 16;
    this.fineSpanMs = options.fineSpanMs ?? 6 * 3_600_000;
  }

  /** Adds a delta (one request, or a replayed record); returns the (caller, synapse) it was filed under. */
  add(
    t: number,
    caller: string,
    synapse: string,
    counts: { ok: number; blacklisted: number; failed: number },
    latency?: Uint32Array,
    latencyBucket?: number,
  ): { caller: string; synapse: string } {
    const id = Math.floor(t / this.bucketMs);
    let bucket = this.coarse.get(id);
    if (!bucket) {
      bucket = new Map();
      this.coarse.set(id, bucket);
    }
    let key = `${caller}\u0000${synapse}`;
    let agg = bucket.get(key);
    if (!agg) {
      if (bucket.size >= this.maxKeys) {
        caller = OTHER_CALLERS;
        synapse = '*';
        key = `${caller}\u0000${synapse}`;
        agg = bucket.get(key);
      }
      if (!agg) {
        agg = emptyAgg(caller, synapse);
        bucket.set(key, agg);
      }
    }
    const minute = Math.floor(t / MINUTE);
    let fine = this.fine.get(minute);
    if (!fine) {
      fine = emptyTotals();
      this.fine.set(minute, fine);
    }
    for (const target of [agg, fine] as (RequestAgg | Totals)[]) {
      target.ok += counts.ok;
      target.blacklisted += counts.blacklisted;
      target.failed += counts.failed;
      if (latency) mergeInto(target.hist, latency);
      else if (latencyBucket !== undefined) target.hist[latencyBucket]!++;
    }
    agg.lastAt = Math.max(agg.lastAt, t);
    this.totals.ok += counts.ok;
    this.totals.blacklisted += counts.blacklisted;
    this.totals.failed += counts.failed;
    this.totals.lastAt = Math.max(this.totals.lastAt, t);
    return { caller: agg.caller, synapse: agg.synapse };
  }

  static countsOf(outcome: RequestOutcome): { ok: number; blacklisted: number; failed: number } {
    return {
      ok: outcome === 'ok' ? 1 : 0,
      blacklisted: outcome === 'blacklisted' ? 1 : 0,
      failed: outcome === 'failed' ? 1 : 0,
    };
  }

  prune(now: number): void {
    const oldest = Math.floor((now - this.options.retentionMs) / this.bucketMs);
    for (const id of this.coarse.keys()) if (id < oldest) this.coarse.delete(id);
    const oldestMinute = Math.floor((now - this.fineSpanMs) / MINUTE);
    for (const m of this.fine.keys()) if (m < oldestMinute) this.fine.delete(m);
  }

  /** Per-caller stats, totals and a time series over [from, to]. */
  query(from: number, to: number, maxCallers = 256) {
    const byCaller = new Map<string, { totals: RequestAgg; synapses: Set<string> }>();
    const total = emptyTotals();
    const firstId = Math.floor(from / this.bucketMs);
    const lastId = Math.floor(to / this.bucketMs);
    const ids = [...this.coarse.keys()].filter((id) => id >= firstId && id <= lastId).sort((a, b) => a - b);
    const coarseSeries: { t: number; totals: Totals }[] = [];
    for (const id of ids) {
      const bucketTotals = emptyTotals();
      for (const agg of this.coarse.get(id)!.values()) {
        let c = byCaller.get(agg.caller);
        if (!c) {
          c = { totals: emptyAgg(agg.caller, '*'), synapses: new Set() };
          byCaller.set(agg.caller, c);
        }
        c.synapses.add(agg.synapse);
        addCounts(c.totals, agg);
        c.totals.lastAt = Math.max(c.totals.lastAt, agg.lastAt);
        addCounts(bucketTotals, agg);
      }
      addCounts(total, bucketTotals);
      coarseSeries.push({ t: id * this.bucketMs, totals: bucketTotals });
    }
    const callers: CallerStats[] = [...byCaller.values()]
      .map(({ totals: a, synapses }) => {
        const [p50, p90, p99] = percentiles(a.hist, QS);
        return {
          hotkey: a.caller,
          synapses: [...synapses].sort(),
          requests: a.ok + a.blacklisted + a.failed,
          ok: a.ok,
          blacklisted: a.blacklisted,
          failed: a.failed,
          p50: p50 ?? null,
          p90: p90 ?? null,
          p99: p99 ?? null,
          lastAt: a.lastAt,
        };
      })
      .sort((a, b) => b.requests - a.requests || (a.hotkey < b.hotkey ? -1 : 1))
      .slice(0, maxCallers);
    const useFine = to - from <= this.fineSpanMs;
    const points = useFine
      ? [...this.fine.entries()]
          .filter(([m]) => m * MINUTE >= from - MINUTE && m * MINUTE <= to)
          .sort((a, b) => a[0] - b[0])
          .map(([m, totals]) => ({ t: m * MINUTE, totals }))
      : coarseSeries;
    const series: RequestSeries = {
      bucketMs: useFine ? MINUTE : this.bucketMs,
      t: [],
      ok: [],
      blacklisted: [],
      failed: [],
      p50: [],
      p90: [],
      p99: [],
    };
    for (const { t, totals } of points) {
      const [p50, p90, p99] = percentiles(totals.hist, QS);
      series.t.push(t);
      series.ok.push(totals.ok);
      series.blacklisted.push(totals.blacklisted);
      series.failed.push(totals.failed);
      series.p50.push(p50 ?? null);
      series.p90.push(p90 ?? null);
      series.p99.push(p99 ?? null);
    }
    const [p50, p90, p99] = percentiles(total.hist, QS);
    return {
      totals: {
        requests: total.ok + total.blacklisted + total.failed,
        ok: total.ok,
        blacklisted: total.blacklisted,
        failed: total.failed,
        p50: p50 ?? null,
        p90: p90 ?? null,
        p99: p99 ?? null,
      },
      callers,
      series,
    };
  }
}
