import { describe, expect, it } from 'vitest';
import { NonceSource, wallClockNs } from './nonce.js';

describe('NonceSource', () => {
  it('is strictly increasing even when the clock stands still or steps back', () => {
    let now = 1_000n;
    const src = new NonceSource(() => now);
    const a = src.next();
    const b = src.next();
    now = 500n;
    const c = src.next();
    expect(b > a && c > b).toBe(true);
  });

  it('follows the wall clock in nanoseconds', () => {
    const ns = wallClockNs();
    const ms = BigInt(Date.now());
    expect(ns / 1_000_000n - ms < 1000n && ms - ns / 1_000_000n < 1000n).toBe(true);
  });
});
