import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fillGaussian, gaussian } from './gaussian.js';

const sha256 = (z: Float32Array) =>
  createHash('sha256')
    .update(new Uint8Array(z.buffer, z.byteOffset, z.byteLength))
    .digest('hex');

// Known answers for layout v1, recorded with the first implementation (scalar Philox, Node 20). The
// noise is part of the miner/validator consensus: a change here — a faster kernel that is not exact,
// or a Node whose Math.log/sin/cos differ from V8's fdlibm port — must fail loudly, not drift.
describe('noise known answers (philox4x32-10/box-muller/v1)', () => {
  it('a whole 1024² draw', () => {
    expect(sha256(gaussian(4 * 128 * 128, 1234, 5))).toBe(
      'a600215689f7bc9d5d518fe81e13d5cc523473f4b7597d0ae9b65dd463793940',
    );
  });

  it('the largest seed, a 512² draw', () => {
    expect(sha256(gaussian(4 * 64 * 64, 0xffffffff, 31))).toBe(
      '25a55ad9e149c90680f2cacc045d8befb4d6cb63370bcf90c3274051ebfe98e5',
    );
  });

  it('an unaligned range across a chunk boundary', () => {
    expect(sha256(fillGaussian(new Float32Array(1001), 42, 7, 4095))).toBe(
      'd99fd030506a5f960264bef7f4ab322add9d088765d8c625cda97779f3566546',
    );
  });

  it('the first values of seed 0, draw 0', () => {
    expect([...gaussian(6, 0, 0)]).toEqual([
      0.991137683391571, -0.9246625900268555, -0.6176089644432068, -0.48206859827041626, -0.15363822877407074,
      0.18082590401172638,
    ]);
  });

  it('refuses an offset that is not an index', () => {
    expect(() => fillGaussian(new Float32Array(4), 1, 1, -1)).toThrow(RangeError);
    expect(() => fillGaussian(new Float32Array(4), 1, 1, 0.5)).toThrow(RangeError);
  });
});
