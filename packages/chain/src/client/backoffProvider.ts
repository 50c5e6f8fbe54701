import { WsProvider } from '@polkadot/rpc-provider';
import { backoffDelay } from '@taonode/kit';

export interface BackoffOptions {
  /** First retry delay; later ones double up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * WsProvider retries after a fixed delay. This one doubles the wait after each failed attempt (up
 * to a cap) and starts over once connected, so a node that is down for minutes is not hammered and
 * a short blip is recovered quickly. The hook is `connectWithRetry`, which WsProvider calls after
 * its base delay on every close or failed connect.
 */
export class BackoffWsProvider extends WsProvider {
  // Assigned lazily: the base constructor already calls connectWithRetry before fields exist.
  private backoff?: BackoffOptions & { attempt: number };
  private closed = false;

  constructor(endpoint: string, options: BackoffOptions & { requestTimeoutMs: number }) {
    super(endpoint, options.initialDelayMs, {}, options.requestTimeoutMs);
    this.backoff = { initialDelayMs: options.initialDelayMs, maxDelayMs: options.maxDelayMs, attempt: 0 };
    this.on('connected', () => {
      if (this.backoff !== undefined) this.backoff.attempt = 0;
    });
  }

  override async connectWithRetry(): Promise<void> {
    const state = this.backoff;
    if (state === undefined) return super.connectWithRetry();
    // The base class has already waited initialDelayMs; add the rest of this attempt's delay.
    const delay = reconnectDelay(state.attempt, state) - state.initialDelayMs;
    state.attempt += 1;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
    // A retry scheduled before disconnect() must not open a fresh socket afterwards.
    if (this.closed) return;
    return super.connectWithRetry();
  }

  override async disconnect(): Promise<void> {
    this.closed = true;
    return super.disconnect();
  }
}

/** Total wait before reconnect attempt `attempt` (0-based): initial × 2^attempt, capped. */
export function reconnectDelay(attempt: number, options: BackoffOptions): number {
  return backoffDelay(attempt, { initialMs: options.initialDelayMs, maxMs: options.maxDelayMs });
}
