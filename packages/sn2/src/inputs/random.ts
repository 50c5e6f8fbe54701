import { randomInt } from 'node:crypto';

/** Injected randomness so tests can be deterministic; `uniform` is in [0, 1). */
export interface Rng {
  uniform(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
}

export const cryptoRng: Rng = {
  uniform: () => randomInt(0, 2 ** 47) / 2 ** 47,
  int: (min, max) => randomInt(min, max + 1),
};

/** Small deterministic generator (mulberry32) for tests and benches. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, int: (min, max) => min + Math.floor(uniform() * (max - min + 1)) };
}
