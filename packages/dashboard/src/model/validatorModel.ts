import type { Components, WeightsMode } from '../events.js';
import { SeriesRing, type SeriesSlice } from './seriesRing.js';

/** A step as the recorder keeps it: cleaned, with its time filled in. */
export interface CleanStep {
  t: number;
  step: number;
  block: number | null;
  durationMs: number | null;
  miners: { uid: number; reward: number | null; score: number; components: Components }[];
}

export interface CleanWeights {
  t: number;
  block: number;
  epoch: number | null;
  mode: WeightsMode;
  uids: number[];
  weights: number[];
}

export interface MinerLatest {
  uid: number;
  hotkey: string | null;
  score: number;
  reward: number | null;
  components: Components;
  step: number | null;
  at: number | null;
  /** Steps that scored this uid since the history began. */
  samples: number;
}

export interface ValidatorModelOptions {
  retentionMs: number;
  maxUids?: number;
  maxWeightSets?: number;
  rawPointsPerUid?: number;
  bucketsPerUid?: number;
}

/** Everything the validator view shows: per-uid latest and score history, weights sets, step counts. */
export class ValidatorModel {
  readonly latest = new Map<number, MinerLatest>();
  readonly weights: CleanWeights[] = [];
  steps = 0;
  /** Time of the oldest step seen, so history views span the data there is rather than an empty range. */
  firstAt: number | null = null;
  lastStep: {
    step: number;
    at: number;
    block: number | null;
    durationMs: number | null;
    miners: number;
  } | null = null;
  private readonly series = new Map<number, SeriesRing>();
  private readonly maxUids: number;
  private readonly maxWeightSets: number;

  constructor(private readonly options: ValidatorModelOptions) {
    this.maxUids = options.maxUids ?? 4096;
    this.maxWeightSets = options.maxWeightSets ?? 4096;
  }

  hotkeyOf(uid: number): string | null | undefined {
    return this.latest.get(uid)?.hotkey;
  }

  private entry(uid: number): MinerLatest | undefined {
    let e = this.latest.get(uid);
    if (!e) {
      if (this.latest.size >= this.maxUids) return undefined;
      e = { uid, hotkey: null, score: 0, reward: null, components: {}, step: null, at: null, samples: 0 };
      this.latest.set(uid, e);
    }
    return e;
  }

  /** A new hotkey on a uid means a new miner there: its last components no longer apply. */
  applyHotkey(uid: number, hotkey: string): void {
    const e = this.entry(uid);
    if (!e || e.hotkey === hotkey) return;
    const hadOne = e.hotkey !== null;
    e.hotkey = hotkey;
    if (hadOne) {
      e.components = {};
      e.reward = null;
    }
  }

  applyStep(s: CleanStep): void {
    this.steps++;
    if (this.firstAt === null || s.t < this.firstAt) this.firstAt = s.t;
    if (!this.lastStep || s.t >= this.lastStep.at) {
      this.lastStep = {
        step: s.step,
        at: s.t,
        block: s.block,
        durationMs: s.durationMs,
        miners: s.miners.length,
      };
    }
    for (const m of s.miners) {
      const e = this.entry(m.uid);
      if (!e) continue;
      e.score = m.score;
      if (m.reward !== null) {
        e.reward = m.reward;
        e.components = m.components;
        e.samples++;
      }
      e.step = s.step;
      e.at = s.t;
      let ring = this.series.get(m.uid);
      if (!ring) {
        ring = new SeriesRing({
          retentionMs: this.options.retentionMs,
          rawCapacity: this.options.rawPointsPerUid,
          bucketCapacity: this.options.bucketsPerUid,
        });
        this.series.set(m.uid, ring);
      }
      ring.push(s.t, m.score, m.reward);
    }
  }

  applyWeights(w: CleanWeights): void {
    this.weights.push(w);
    if (this.weights.length > this.maxWeightSets)
      this.weights.splice(0, this.weights.length - this.maxWeightSets);
  }

  history(uid: number, from: number, to: number, points: number): SeriesSlice | undefined {
    return this.series.get(uid)?.slice(from, to, points);
  }

  get lastWeights(): CleanWeights | undefined {
    return this.weights[this.weights.length - 1];
  }

  prune(now: number): void {
    const cutoff = now - this.options.retentionMs;
    let drop = 0;
    while (drop < this.weights.length && this.weights[drop]!.t < cutoff) drop++;
    if (drop > 0) this.weights.splice(0, drop);
  }
}
