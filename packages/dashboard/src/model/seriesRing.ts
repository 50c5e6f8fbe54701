/**
 * A bounded time series of (time, level, sample) points: `level` is a running value where the last one
 * in a span is what counts (a moving score, a counter), `sample` a per-point measurement that is
 * averaged (a step's reward; NaN = none). The newest `rawCapacity` points are kept exactly; every
 * point also lands in a ring of fixed-width time buckets covering the whole retention, so memory stays
 * fixed however long the daemon runs and however often it records.
 */
export interface SeriesRingOptions {
  retentionMs: number;
  rawCapacity?: number;
  bucketCapacity?: number;
}

export interface SeriesSlice {
  /** Which of the `points` equal spans of [from, to] each point stands for. */
  span: number[];
  t: number[];
  level: number[];
  /** Mean sample per point; null where there was none. */
  sample: (number | null)[];
}

export class SeriesRing {
  readonly bucketMs: number;
  private readonly rawT: Float64Array;
  private readonly rawLevel: Float64Array;
  private readonly rawSample: Float64Array;
  private rawNext = 0;
  private rawCount = 0;
  private readonly bucketId: Float64Array;
  private readonly bucketLevel: Float64Array;
  private readonly bucketSum: Float64Array;
  private readonly bucketN: Uint32Array;

  constructor(options: SeriesRingOptions) {
    const raw = options.rawCapacity ?? 512;
    const buckets = options.bucketCapacity ?? 2048;
    this.bucketMs = Math.max(1_000, Math.ceil(options.retentionMs / buckets / 1_000) * 1_000);
    this.rawT = new Float64Array(raw);
    this.rawLevel = new Float64Array(raw);
    this.rawSample = new Float64Array(raw);
    this.bucketId = new Float64Array(buckets).fill(-1);
    this.bucketLevel = new Float64Array(buckets);
    this.bucketSum = new Float64Array(buckets);
    this.bucketN = new Uint32Array(buckets);
  }

  get size(): number {
    return this.rawCount;
  }

  /** Time of the newest point, or undefined when empty. */
  get lastTime(): number | undefined {
    if (this.rawCount === 0) return undefined;
    return this.rawT[(this.rawNext - 1 + this.rawT.length) % this.rawT.length];
  }

  push(t: number, level: number, sample: number | null): void {
    const cap = this.rawT.length;
    this.rawT[this.rawNext] = t;
    this.rawLevel[this.rawNext] = level;
    this.rawSample[this.rawNext] = sample ?? Number.NaN;
    this.rawNext = (this.rawNext + 1) % cap;
    if (this.rawCount < cap) this.rawCount++;
    const id = Math.floor(t / this.bucketMs);
    const slot = id % this.bucketId.length;
    if (this.bucketId[slot] !== id) {
      this.bucketId[slot] = id;
      this.bucketSum[slot] = 0;
      this.bucketN[slot] = 0;
    }
    this.bucketLevel[slot] = level;
    if (sample !== null && Number.isFinite(sample)) {
      this.bucketSum[slot]! += sample;
      this.bucketN[slot]!++;
    }
  }

  /**
   * Points in [from, to], at most `points` of them: exact recent points where they exist, older
   * spans from the buckets; each output point is the last level and the mean sample of its span.
   */
  slice(from: number, to: number, points: number): SeriesSlice {
    const span = Math.max(1, to - from);
    const width = span / Math.max(1, points);
    const out: SeriesSlice = { span: [], t: [], level: [], sample: [] };
    let curKey = Number.NaN;
    let curT = 0;
    let curLevel = 0;
    let curSum = 0;
    let curN = 0;
    const emit = () => {
      if (Number.isNaN(curKey)) return;
      out.span.push(curKey);
      out.t.push(curT);
      out.level.push(curLevel);
      out.sample.push(curN > 0 ? curSum / curN : null);
    };
    const add = (t: number, level: number, sum: number, n: number) => {
      if (t < from || t > to) return;
      const key = Math.min(points - 1, Math.floor((t - from) / width));
      if (key !== curKey) {
        emit();
        curKey = key;
        curSum = 0;
        curN = 0;
      }
      curT = t;
      curLevel = level;
      curSum += sum;
      curN += n;
    };
    const cap = this.rawT.length;
    const oldest =
      this.rawCount === 0 ? Number.POSITIVE_INFINITY : this.rawT[(this.rawNext - this.rawCount + cap) % cap]!;
    // Buckets only for the span the exact points no longer cover, oldest first.
    const firstId = Math.floor(from / this.bucketMs);
    const lastId = Math.min(Math.floor(to / this.bucketMs), Math.floor(oldest / this.bucketMs) - 1);
    const startId = Math.max(firstId, lastId - this.bucketId.length + 1);
    for (let id = startId; id <= lastId; id++) {
      const slot = id % this.bucketId.length;
      if (this.bucketId[slot] !== id) continue;
      const t = Math.min((id + 1) * this.bucketMs - 1, oldest - 1);
      add(Math.max(t, from), this.bucketLevel[slot]!, this.bucketSum[slot]!, this.bucketN[slot]!);
    }
    for (let i = 0; i < this.rawCount; i++) {
      const j = (this.rawNext - this.rawCount + i + cap) % cap;
      const s = this.rawSample[j]!;
      const has = !Number.isNaN(s);
      add(this.rawT[j]!, this.rawLevel[j]!, has ? s : 0, has ? 1 : 0);
    }
    emit();
    return out;
  }
}
