import type { RandomSource } from '../validator/csprng.js';

/** A reproducible RandomSource for tests (mulberry32); never for anything a miner could predict. */
export function seededRandom(seed: number): RandomSource & { calls: number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const src = {
    calls: 0,
    float: () => {
      src.calls++;
      return next();
    },
    int: (max: number) => {
      src.calls++;
      return max <= 1 ? 0 : Math.floor(next() * max);
    },
    u32: () => {
      src.calls++;
      return Math.floor(next() * 2 ** 32) >>> 0;
    },
  };
  return src;
}
