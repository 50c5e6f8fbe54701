import { expect, it } from 'vitest';
import { VectorInputError } from '../errors.js';
import type { VectorIndex } from '../types.js';

export const CONTRACT_DIM = 8;

/** e_i scaled by `scale`: axis vectors make every expected cosine exact by hand. */
function axis(i: number, scale = 1): number[] {
  const v = new Array<number>(CONTRACT_DIM).fill(0);
  v[i] = scale;
  return v;
}

/**
 * The cases every VectorIndex must pass, run once per backend so the embedded index and
 * Pinecone answer alike. `make` returns a fresh, empty index of dimension CONTRACT_DIM.
 */
export function vectorIndexContract(make: () => Promise<VectorIndex>): void {
  it('an empty index counts 0 and matches nothing', async () => {
    const ix = await make();
    expect(await ix.count()).toBe(0);
    expect(await ix.query(axis(0))).toEqual([]);
    expect(await ix.queryMany([axis(0), axis(1)])).toEqual([[], []]);
    await ix.close();
  });

  it('ranks by cosine, whatever the norms (ImageBind vectors are not unit length)', async () => {
    const ix = await make();
    const diag = axis(0, 20);
    diag[1] = 20; // cos(e0, e0+e1) = 1/√2
    await ix.upsert([
      { id: 'a', values: axis(0, 20), metadata: { youtube_id: 'aaaaaaaaaaa' } },
      { id: 'b', values: axis(1, 0.5) },
      { id: 'c', values: diag },
      { id: 'd', values: axis(0, -3) },
    ]);
    expect(await ix.count()).toBe(4);
    const top = await ix.query(axis(0, 0.1), { topK: 4 });
    expect(top.map((m) => m.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(top[0]!.score).toBeCloseTo(1, 5);
    expect(top[1]!.score).toBeCloseTo(Math.SQRT1_2, 5);
    expect(top[2]!.score).toBeCloseTo(0, 5);
    expect(top[3]!.score).toBeCloseTo(-1, 5);
    expect(top[0]!.metadata).toEqual({ youtube_id: 'aaaaaaaaaaa' });
    const one = await ix.query([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(one).toHaveLength(1);
    expect(one[0]!.id).toBe('c');
    const many = await ix.queryMany([axis(1), [1, 1, 0, 0, 0, 0, 0, 0], axis(0, -1)], { topK: 2 });
    expect(many.map((ms) => ms.map((m) => m.id))).toEqual([
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'b'],
    ]);
    expect(many[1]).toEqual(await ix.query([1, 1, 0, 0, 0, 0, 0, 0], { topK: 2 }));
    await ix.close();
  });

  it('upsert of an existing id replaces it', async () => {
    const ix = await make();
    await ix.upsert([{ id: 'x', values: axis(2) }]);
    await ix.upsert([{ id: 'x', values: axis(3) }]);
    expect(await ix.count()).toBe(1);
    const [m] = await ix.query(axis(3));
    expect(m!.id).toBe('x');
    expect(m!.score).toBeCloseTo(1, 5);
    await ix.close();
  });

  it('delete removes records and ignores unknown ids', async () => {
    const ix = await make();
    await ix.upsert([
      { id: 'p', values: axis(4) },
      { id: 'q', values: axis(5) },
      { id: 'r', values: axis(6) },
    ]);
    await ix.delete(['p', 'nope']);
    expect(await ix.count()).toBe(2);
    const ids = (await ix.query(axis(4), { topK: 10 })).map((m) => m.id).sort();
    expect(ids).toEqual(['q', 'r']);
    await ix.close();
  });

  it('rejects wrong sizes, NaN/Infinity and zero vectors with a VectorInputError naming the problem', async () => {
    const ix = await make();
    await expect(ix.upsert([{ id: 'short', values: [1, 2, 3] }])).rejects.toThrow(
      /vector 'short' has 3 values, the index holds 8/,
    );
    const nan = axis(0);
    nan[3] = Number.NaN;
    await expect(ix.upsert([{ id: 'n', values: nan }])).rejects.toBeInstanceOf(VectorInputError);
    const inf = axis(0);
    inf[7] = Number.POSITIVE_INFINITY;
    await expect(ix.query(inf)).rejects.toThrow(/non-finite value \(Infinity\) at index 7/);
    await expect(ix.upsert([{ id: 'z', values: new Array(CONTRACT_DIM).fill(0) }])).rejects.toThrow(
      /all zeros/,
    );
    await expect(ix.query(axis(0), { topK: 0 })).rejects.toThrow(/topK/);
    await expect(ix.queryMany([axis(0), [1]])).rejects.toThrow(/query vector has 1 values/);
    // A rejected batch writes nothing, not even its valid members.
    await expect(
      ix.upsert([
        { id: 'ok', values: axis(1) },
        { id: 'bad', values: [1] },
      ]),
    ).rejects.toThrow(VectorInputError);
    expect(await ix.count()).toBe(0);
    await ix.close();
  });

  it('upserts a batch larger than one request', async () => {
    const ix = await make();
    const records = Array.from({ length: 250 }, (_, i) => {
      const v = axis(i % CONTRACT_DIM, 1);
      v[(i + 1) % CONTRACT_DIM] = (i + 1) / 1000;
      return { id: `v${i}`, values: v };
    });
    await ix.upsert(records);
    expect(await ix.count()).toBe(250);
    const [m] = await ix.query(records[123]!.values);
    expect(m!.id).toBe('v123');
    await ix.close();
  });
}
