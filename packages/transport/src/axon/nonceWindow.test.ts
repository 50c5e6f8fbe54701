import { describe, expect, it } from 'vitest';
import { NonceWindow } from './nonceWindow.js';

const S = 1_000_000_000n;

describe('NonceWindow', () => {
  it('applies the first-request window (4 s + timeout) and then strict increase', () => {
    let now = 1_000n * S;
    const w = new NonceWindow({ nowNs: () => now });
    expect(w.check('a:1', now - 20n * S, 12)).toMatch(
      /acceptable delta is 16.00 seconds but request was 20.00/,
    );
    expect(w.check('a:1', now - 15n * S, 12)).toBeUndefined();
    w.commit('a:1', now - 15n * S);
    expect(w.check('a:1', now - 15n * S, 12)).toMatch(/newer one was last processed/);
    expect(w.check('a:1', now - 16n * S, 12)).toMatch(/newer one/);
    now += 100n * S;
    // Known endpoints are not held to the time window, only to order (as in the SDK).
    expect(w.check('a:1', now - 50n * S, 12)).toBeUndefined();
  });

  it('stays bounded and never lets an evicted nonce be replayed', () => {
    const now = 1_000n * S;
    const w = new NonceWindow({ maxEndpoints: 3, nowNs: () => now });
    for (let i = 0; i < 10; i++) w.commit(`k:${i}`, now - 10n + BigInt(i));
    expect(w.size).toBe(3);
    // k:0..6 were evicted; k:6's nonce (now - 4) is the floor for unknown endpoints.
    expect(w.check('k:0', now - 10n, 12)).toMatch(/newer one/);
    expect(w.check('k:6', now - 4n, 12)).toMatch(/newer one/);
    expect(w.check('new:1', now - 3n, 12)).toBeUndefined();
  });
});
