import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoffProvider.js';

describe('reconnect backoff', () => {
  it('doubles from the first delay up to the cap (defaults 0.5 s → 10 s)', () => {
    const opts = { initialDelayMs: 500, maxDelayMs: 10_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => reconnectDelay(a, opts))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });
});
