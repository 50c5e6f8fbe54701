import { backoffDelay, sleep } from '@taonode/kit';
import type { Logger } from 'pino';

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
      const backoff = backoffDelay(failures - 1, { initialMs: 1_000, maxMs: options.maxBackoffMs ?? 30_000 });
      options.logger.error(
        { err: error, loop: options.name, failures, retryInMs: backoff },
        `${options.name} failed`,
      );
      await sleep(backoff, options.signal);
    }
  }
}
