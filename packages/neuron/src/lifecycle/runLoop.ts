import type { Logger } from 'pino';
import { sleep } from './sleep.js';

/**
 * Runs `step` until `signal` aborts. A failing step is logged and the loop goes on after a backoff
 * (doubling up to `maxBackoffMs`), so one bad step never takes the daemon down.
 */
export async function runLoop(options: {
  name: string;
  step: () => Promise<void>;
  intervalMs: () => number;
  signal: AbortSignal;
  logger: Logger;
  maxBackoffMs?: number;
}): Promise<void> {
  let failures = 0;
  while (!options.signal.aborted) {
    try {
      await options.step();
      failures = 0;
      await sleep(options.intervalMs(), options.signal);
    } catch (error) {
      if (options.signal.aborted) break;
      failures++;
      const backoff = Math.min(options.maxBackoffMs ?? 30_000, 1_000 * 2 ** Math.min(failures - 1, 5));
      options.logger.error(
        { err: error, loop: options.name, failures, retryInMs: backoff },
        `${options.name} failed`,
      );
      await sleep(backoff, options.signal);
    }
  }
}
