import { describe, expect, it } from 'vitest';
import { fillGaussian, gaussian } from './gaussian.js';
import { philox4x32 } from './philox.js';

const hex = (w: Uint32Array) => [...w].map((x) => x.toString(16).padStart(8, '0'));

describe('philox4x32-10', () => {
  it('matches the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
    expect(hex(out)).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect(hex(out)).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });
});

describe('gaussian noise', () => {
  it('draws any element range of any draw directly', () => {
    const whole = gaussian(1000, 42, 7);
    const part = fillGaussian(new Float32Array(13), 42, 7, 501);
    expect([...part]).toEqual([...whole.subarray(501, 514)]);
    expect([...gaussian(8, 42, 8)]).not.toEqual([...whole.subarray(0, 8)]);
    expect([...gaussian(8, 43, 7)]).not.toEqual([...whole.subarray(0, 8)]);
  });

  it('has the documented layout (first block of seed 0, draw 0) and fixed values', () => {
    const z = gaussian(4, 0, 0);
    const w = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, w);
    const u = [...w].map((x) => (x + 0.5) / 2 ** 32);
    const r0 = Math.sqrt(-2 * Math.log(u[0]!));
    const r1 = Math.sqrt(-2 * Math.log(u[2]!));
    expect(z[0]).toBe(Math.fround(r0 * Math.cos(2 * Math.PI * u[1]!)));
    expect(z[3]).toBe(Math.fround(r1 * Math.sin(2 * Math.PI * u[3]!)));
  });

  it('is standard normal', () => {
    const z = gaussian(200_000, 1234, 3);
    let mean = 0;
    let sq = 0;
    let quart = 0;
    for (const v of z) {
      mean += v;
      sq += v * v;
      quart += v ** 4;
    }
    mean /= z.length;
    const variance = sq / z.length - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
    expect(Math.abs(quart / z.length - 3)).toBeLessThan(0.06);
  });
});
