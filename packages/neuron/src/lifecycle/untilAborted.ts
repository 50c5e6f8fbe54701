import { TaonodeError } from '@taonode/kit';

/** Thrown when a stop signal cut a piece of work short; the work's result is dropped. */
export class StepAbortedError extends TaonodeError {
  constructor() {
    super('stopped before the step finished');
  }
}

/**
 * `work`, or a StepAbortedError as soon as `signal` aborts: a stop must not wait for a dendrite
 * timeout (12 s by default) longer than pm2's kill_timeout. The abandoned step is simply not saved,
 * exactly as if the process had been killed there.
 */
export function untilAborted<T>(work: Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new StepAbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StepAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
