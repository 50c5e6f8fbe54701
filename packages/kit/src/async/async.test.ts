import { describe, expect, it } from 'vitest';
import { mapLimit } from './mapLimit.js';
import { backoffDelay, retry } from './retry.js';
import { sleep } from './sleep.js';
import { TimeoutError, withTimeout } from './withTimeout.js';

describe('async helpers', () => {
  it('backoff doubles from the initial delay up to the cap', () => {
    const o = { initialMs: 1_000, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, o))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('retries until the call succeeds, reporting each coming wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'ok';
      },
      { initialMs: 1, maxMs: 2, onRetry: ({ retryInMs }) => waits.push(retryInMs) },
    );
    expect(value).toBe('ok');
    expect(waits).toEqual([1, 2]);
  });

  it('gives up at once when shouldRetry says so, and when the signal aborts', async () => {
    let calls = 0;
    const fatal = new Error('fatal');
    await expect(
      retry(
        () => {
          calls++;
          throw fatal;
        },
        { initialMs: 1, maxMs: 1, shouldRetry: (e) => e !== fatal },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
    const controller = new AbortController();
    const run = retry(
      () => {
        throw new Error('down');
      },
      { initialMs: 50, maxMs: 50, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('stopped')), 10);
    await expect(run).rejects.toThrow();
  });

  it('times out slow work with a TimeoutError naming it', async () => {
    await expect(withTimeout(sleep(1_000), 5, 'download')).rejects.toThrow(TimeoutError);
    await expect(withTimeout(sleep(1_000), 5, 'download')).rejects.toThrow('download timed out after 5 ms');
    await expect(withTimeout(Promise.resolve(3), 1_000, 'x')).resolves.toBe(3);
  });

  it('maps with bounded concurrency in input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(n);
      running--;
      return n * 10 + i;
    });
    expect(out).toEqual([50, 11, 42, 23, 34]);
    expect(peak).toBe(2);
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });

  it('sleep ends early on abort', async () => {
    const c = new AbortController();
    const started = Date.now();
    const s = sleep(10_000, c.signal);
    c.abort();
    await s;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
