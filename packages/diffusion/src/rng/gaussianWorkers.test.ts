import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillGaussian, gaussian } from './gaussian.js';
import { GaussianWorkers, inlineNoise, sharedFloat32Array } from './gaussianWorkers.js';

/** Index of the first element that differs (bit for bit), −1 when none: vitest's deep equality is slow on big arrays. */
function firstDifference(a: Float32Array | Uint32Array, b: Float32Array | Uint32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('noise on worker threads', () => {
  let pool: GaussianWorkers;
  beforeAll(async () => {
    pool = await GaussianWorkers.start(2);
  }, 120_000);
  afterAll(() => pool.close());

  it('draws fillGaussian’s values, whole or in ranges, into shared or plain memory', async () => {
    const n = 4 * 64 * 64 + 6;
    expect(firstDifference(await pool.fill(sharedFloat32Array(n), 1234, 5), gaussian(n, 1234, 5))).toBe(-1);
    for (const [offset, length] of [
      [3, 9000],
      [1, 2],
      [8191, 20_001],
    ] as const) {
      const want = fillGaussian(new Float32Array(length), 9, 2, offset);
      expect(firstDifference(await pool.fill(sharedFloat32Array(length), 9, 2, offset), want)).toBe(-1);
      expect(firstDifference(await pool.fill(new Float32Array(length), 9, 2, offset), want)).toBe(-1);
    }
    expect(pool.threads).toBe(2);
  });

  it('runs draws queued together (a replay’s lookahead) and keeps them apart', async () => {
    const draws = [1, 2, 3, 4, 5, 6].map((d) => pool.fill(sharedFloat32Array(16_384), 77, d));
    const got = await Promise.all(draws);
    expect(got.map((z, i) => firstDifference(z, gaussian(16_384, 77, i + 1)))).toEqual([
      -1, -1, -1, -1, -1, -1,
    ]);
  });

  it('draws on the calling thread once closed, and inline gives the same values', async () => {
    const closed = await GaussianWorkers.start(1);
    await closed.close();
    expect(
      firstDifference(
        await closed.fill(new Float32Array(100), 3, 4, 2),
        fillGaussian(new Float32Array(100), 3, 4, 2),
      ),
    ).toBe(-1);
    expect(
      firstDifference(
        await inlineNoise.fill(new Float32Array(100), 3, 4, 2),
        fillGaussian(new Float32Array(100), 3, 4, 2),
      ),
    ).toBe(-1);
    await expect(GaussianWorkers.start(0)).rejects.toThrow(RangeError);
  }, 120_000);
});
