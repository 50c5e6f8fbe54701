import { TaonodeError } from '../errors/taonodeError.js';

/** `withTimeout` gave up waiting. */
export class TimeoutError extends TaonodeError {
  constructor(
    what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} timed out after ${timeoutMs} ms`, { code: 'TIMEOUT', details: { what, timeoutMs } });
  }
}

/**
 * `work`, or a rejection once `ms` pass (a TimeoutError naming `what`, or the error `onTimeout`
 * makes). The work itself is not cancelled: pass it a signal for that.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  onTimeout: () => Error = () => new TimeoutError(what, ms),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
