import { dot, normalized } from './cosine.js';
import type { VectorMatch, VectorMetadata } from './types.js';

/**
 * The embedded index's memory: unit-normalised rows in one growable Float32Array, so a query is
 * one linear scan of dot products (exact cosine, recall 1.0). Deletes swap the last row into the
 * hole, keeping the scan dense.
 */
export class VectorMatrix {
  private data: Float32Array;
  private ids: string[] = [];
  private metas: (VectorMetadata | undefined)[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(
    readonly dimension: number,
    initialCapacity = 1024,
  ) {
    this.data = new Float32Array(dimension * Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** `values` must already be validated (length, finite, non-zero). */
  set(id: string, values: ArrayLike<number>, metadata?: VectorMetadata): void {
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.grow(row + 1);
      this.ids.push(id);
      this.metas.push(metadata);
      this.rowOf.set(id, row);
    } else {
      this.metas[row] = metadata;
    }
    this.data.set(normalized(values), row * this.dimension);
  }

  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    if (row !== last) {
      const d = this.dimension;
      this.data.copyWithin(row * d, last * d, (last + 1) * d);
      const movedId = this.ids[last]!;
      this.ids[row] = movedId;
      this.metas[row] = this.metas[last];
      this.rowOf.set(movedId, row);
    }
    this.ids.pop();
    this.metas.pop();
    this.rowOf.delete(id);
    return true;
  }

  /** Exact top-k by cosine; ties keep insertion-row order. */
  query(vector: ArrayLike<number>, topK: number): VectorMatch[] {
    return this.queryMany([vector], topK)[0]!;
  }

  /**
   * Several queries in one pass over the rows: each row is read from memory once and scored
   * against every query while it is in cache (a validator asks for 8 clips at a time).
   */
  queryMany(vectors: readonly ArrayLike<number>[], topK: number): VectorMatch[][] {
    const qs = vectors.map((v) => normalized(v));
    const n = this.ids.length;
    const k = Math.min(topK, n);
    if (k === 0) return qs.map(() => []);
    // Small sorted buffers (descending) beat a heap for the k ≤ 10 the validators use.
    const bestScore = qs.map(() => new Float64Array(k).fill(Number.NEGATIVE_INFINITY));
    const bestRow = qs.map(() => new Int32Array(k).fill(-1));
    const d = this.dimension;
    const data = this.data;
    for (let r = 0; r < n; r++) {
      for (let qi = 0; qi < qs.length; qi++) {
        const s = dot(qs[qi]!, data, r * d);
        const bs = bestScore[qi]!;
        if (s <= bs[k - 1]!) continue;
        const br = bestRow[qi]!;
        let j = k - 1;
        while (j > 0 && s > bs[j - 1]!) {
          bs[j] = bs[j - 1]!;
          br[j] = br[j - 1]!;
          j--;
        }
        bs[j] = s;
        br[j] = r;
      }
    }
    return qs.map((_, qi) => {
      const out: VectorMatch[] = [];
      for (let j = 0; j < k; j++) {
        const r = bestRow[qi]![j]!;
        const meta = this.metas[r];
        // float32 rows can land a hair outside [-1, 1]; clamp so scores stay cosines.
        const score = Math.max(-1, Math.min(1, bestScore[qi]![j]!));
        out.push(
          meta === undefined ? { id: this.ids[r]!, score } : { id: this.ids[r]!, score, metadata: meta },
        );
      }
      return out;
    });
  }

  /** Every live record, for compaction: id, unit row (a view; copy before mutating), metadata. */
  *entries(): Generator<{ id: string; values: Float32Array; metadata: VectorMetadata | undefined }> {
    const d = this.dimension;
    for (let r = 0; r < this.ids.length; r++) {
      yield { id: this.ids[r]!, values: this.data.subarray(r * d, (r + 1) * d), metadata: this.metas[r] };
    }
  }

  private grow(rows: number): void {
    if (rows * this.dimension <= this.data.length) return;
    let cap = this.data.length / this.dimension;
    while (cap < rows) cap *= 2;
    const next = new Float32Array(cap * this.dimension);
    next.set(this.data);
    this.data = next;
  }
}
