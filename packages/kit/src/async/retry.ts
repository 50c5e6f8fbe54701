import pRetry from 'p-retry';

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Delays double up to this. */
  maxMs: number;
}

/** The wait before retry number `attempt` (0-based): initial × 2^attempt, capped at `maxMs`. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  return Math.min(options.initialMs * 2 ** Math.max(0, attempt), options.maxMs);
}

export interface RetryOptions extends BackoffOptions {
  /** Retries after the first attempt (default: until `signal` aborts). */
  retries?: number;
  signal?: AbortSignal;
  /** Return false to give up at once (the error is thrown as is). */
  shouldRetry?: (error: unknown) => boolean;
  /** Called after each failed attempt that will be retried, with the coming wait (for a log line). */
  onRetry?: (info: { error: unknown; attempt: number; retryInMs: number }) => void;
}

/**
 * Calls `fn` until it resolves, waiting `backoffDelay` between attempts (p-retry underneath).
 * When `signal` aborts, the wait ends and the last error (or the abort reason) is thrown.
 */
export function retry<T>(fn: (attempt: number) => Promise<T> | T, options: RetryOptions): Promise<T> {
  const shouldRetry = options.shouldRetry;
  return pRetry(fn, {
    retries: options.retries ?? Number.POSITIVE_INFINITY,
    factor: 2,
    minTimeout: options.initialMs,
    maxTimeout: options.maxMs,
    signal: options.signal,
    unref: true,
    ...(shouldRetry ? { shouldRetry: ({ error }) => shouldRetry(error) } : {}),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft <= 0 || options.signal?.aborted || (shouldRetry && !shouldRetry(error))) return;
      options.onRetry?.({
        error,
        attempt: attemptNumber,
        retryInMs: backoffDelay(attemptNumber - 1, options),
      });
    },
  });
}
