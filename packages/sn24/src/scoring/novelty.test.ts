import { openExactIndex, type VectorIndex } from '@taonode/store';
import { describe, expect, it } from 'vitest';
import { e, vec } from '../testing/vectors.js';
import { dedupeInBatch, globalNovelty, localNovelty, noveltyFilter } from './novelty.js';

describe('in-batch de-duplication (drop i when a later j has cos > 0.95)', () => {
  it('keeps the last of a near-duplicate pair', () => {
    // cos(e0, e0 + 0.1·e1) = 1/√1.01 = 0.99504
    expect(dedupeInBatch([e(0), vec({ 0: 1, 1: 0.1 }), e(1)])).toEqual([1, 2]);
  });
  it('the threshold is strict: 0.96 is a duplicate, 0.94 is not', () => {
    expect(dedupeInBatch([e(0), vec({ 0: 0.96, 1: 0.28 })])).toEqual([1]);
    expect(dedupeInBatch([e(0), vec({ 0: 0.94, 1: Math.sqrt(1 - 0.94 ** 2) })])).toEqual([0, 1]);
  });
});

describe('local novelty = 1 − max over later items', () => {
  it('golden values', () => {
    const [a, b, c] = localNovelty([e(0), e(1), vec({ 0: 1, 1: 1 })]);
    expect(a).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(b).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(c).toBe(1);
    expect(localNovelty([vec({ 0: 1, 1: 0.1 }), e(1)])[0]).toBeCloseTo(0.900496281, 9);
  });
});

/** An index that counts its queries, to check which items are looked up globally. */
function counting(ix: VectorIndex): VectorIndex & { queries: number } {
  const wrapped = {
    queries: 0,
    dimension: ix.dimension,
    upsert: ix.upsert.bind(ix),
    delete: ix.delete.bind(ix),
    count: ix.count.bind(ix),
    close: ix.close.bind(ix),
    query: (v: ArrayLike<number>, o?: { topK?: number }) => {
      wrapped.queries++;
      return ix.query(v, o);
    },
    queryMany: (vs: readonly ArrayLike<number>[], o?: { topK?: number }) => {
      wrapped.queries += vs.length;
      return ix.queryMany(vs, o);
    },
  };
  return wrapped;
}

describe('global novelty through the store vector index', () => {
  it('1 − top-1 cosine; an empty index gives the configured no-match value', async () => {
    const ix = await openExactIndex({ dimension: 1024 });
    expect(await globalNovelty(ix, [e(0)], 0)).toEqual([0]);
    expect(await globalNovelty(ix, [e(0)], 1)).toEqual([1]);
    await ix.upsert([{ id: 'old', values: e(2) }]);
    const [n] = await globalNovelty(ix, [vec({ 2: 1, 3: 0.01 })], 1);
    expect(n).toBeCloseTo(4.9996e-5, 7); // the embedded index scores in float32 (±1e-7)
  });

  it('filters by min(local, global) ≥ 0.1, aligned by item', async () => {
    const ix = counting(await openExactIndex({ dimension: 1024 }));
    await ix.upsert([{ id: 'old', values: e(2) }]);
    const x = vec({ 0: 1, 1: 1 });
    const y = vec({ 2: 1, 3: 0.01 }); // already stored: global novelty 5e-5
    const z = e(3);
    const r = await noveltyFilter(ix, [x, y, z], 1);
    expect(r.kept).toEqual([0, 2]);
    expect(r.novelty[0]).toBeCloseTo(1, 12);
    expect(r.novelty[1]).toBeCloseTo(1, 12);
    expect(ix.queries).toBe(3);
  });

  it('does not look up items whose local novelty is already below 0.1', async () => {
    const ix = counting(await openExactIndex({ dimension: 1024 }));
    // cos(e0, e0 + 0.2·e1) = 0.98058 → local novelty 0.0194 for the first item
    const r = await noveltyFilter(ix, [e(0), vec({ 0: 1, 1: 0.2 })], 1);
    expect(r.kept).toEqual([1]);
    expect(ix.queries).toBe(1);
  });

  it('the reference semantics (no match ⇒ 0) reject everything while the index is empty', async () => {
    const ix = await openExactIndex({ dimension: 1024 });
    expect((await noveltyFilter(ix, [e(0), e(1)], 0)).kept).toEqual([]);
  });
});
