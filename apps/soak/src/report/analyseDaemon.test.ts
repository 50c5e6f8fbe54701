import { describe, expect, it } from 'vitest';
import type { DaemonSample } from '../sample/daemonSample.js';
import { analyseDaemon, counterIncrease, linearFit } from './analyseDaemon.js';

const MiB = 2 ** 20;

/** A sample every 30 s for `minutes`, values from `f(t)`. */
function series(minutes: number, f: (t: number, i: number) => Partial<DaemonSample>): DaemonSample[] {
  return Array.from({ length: minutes * 2 + 1 }, (_, i) => ({
    t: i * 30,
    pid: 100,
    restarts: 0,
    up: true,
    ...f(i * 30, i),
  }));
}

const window = { baselineS: 120, endS: 300 };

describe('analyseDaemon', () => {
  it('passes a flat daemon', () => {
    const a = analyseDaemon(
      'flat',
      'miner',
      series(5, (_t, i) => ({ rssBytes: (100 + (i % 2)) * MiB, openFds: 30 + (i % 3), loopP99Ms: 12 })),
      window,
    );
    expect(a.rss.verdict).toBe('PASS');
    expect(a.rss.growth).toBeCloseTo(0, 2);
    expect(a.fds.verdict).toBe('PASS');
    expect(a.loop).toMatchObject({ verdict: 'PASS', typicalMs: 2 });
  });

  it('fails RSS growth of 10 %, a leak of one FD a minute and a blocked loop', () => {
    const a = analyseDaemon(
      'leaky',
      'miner',
      series(5, (t) => ({ rssBytes: (100 + (t > 200 ? 10 : 0)) * MiB, openFds: 30 + t / 60, loopP99Ms: 90 })),
      { baselineS: 0, endS: 300 },
    );
    expect(a.rss.verdict).toBe('FAIL');
    expect(a.fds.verdict).toBe('FAIL');
    expect(a.fds.slopePerHour).toBeCloseTo(60, 5);
    expect(a.loop.verdict).toBe('FAIL');
  });

  it('calls RSS growth n/a across a restart and skips the start-up window of the new process', () => {
    const samples = series(5, (t) => ({
      pid: t < 240 ? 100 : 200,
      restarts: t < 240 ? 0 : 1,
      rssBytes: 100 * MiB,
      loopP99Ms: t === 240 ? 900 : 11,
    }));
    const a = analyseDaemon('restarted', 'validator', samples, window);
    expect(a.restarts).toBe(1);
    expect(a.rss.verdict).toBe('n/a');
    expect(a.loop.worstMs).toBeCloseTo(1, 5);
  });

  it('adds counters across a restart', () => {
    const samples = [10, 20, 30, 5, 15].map((requests, i) => ({
      t: i * 30,
      pid: i < 3 ? 1 : 2,
      restarts: 0,
      up: true,
      requests,
    }));
    expect(counterIncrease(samples, (s) => s.requests)).toBe(20 + 5 + 10);
  });
});

describe('a run too short to judge', () => {
  it('calls RSS growth n/a when the baseline minute and the last minute overlap', () => {
    const a = analyseDaemon(
      'short',
      'miner',
      series(1, () => ({ rssBytes: 100 * MiB })),
      {
        baselineS: 24,
        endS: 60,
      },
    );
    expect(a.rss.verdict).toBe('n/a');
  });
});

describe('linearFit', () => {
  it('fits a line exactly', () => {
    expect(linearFit([0, 1, 2, 3], [1, 3, 5, 7])).toEqual({ slope: 2, intercept: 1 });
  });
});
