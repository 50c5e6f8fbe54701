import { TaonodeError } from '@taonode/kit';

/**
 * Base class of every error that comes from the chain or from talking to it. `name` is the
 * runtime's own error name (`SettingWeightsTooFast`, `InvalidIpAddress`, …) when the runtime
 * gave one, so callers can switch on it exactly as they would on the Python SDK's messages.
 */
export class ChainError extends TaonodeError {
  /** Pallet that raised it (`SubtensorModule`, `Balances`, …); `pool` for transaction-pool refusals. */
  readonly pallet: string | undefined;

  constructor(
    name: string,
    message: string,
    options: { pallet?: string; hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { code: name, hint: options.hint, details: options.details, cause: options.cause });
    this.name = name;
    this.pallet = options.pallet;
  }
}

/** The websocket dropped (or was never up) while the call was in flight; retrying later works. */
export class ChainDisconnectedError extends ChainError {
  constructor(endpoint: string, cause?: unknown) {
    super('ChainDisconnectedError', `not connected to the chain at ${endpoint}`, {
      hint: 'The client reconnects on its own with backoff; retry the call in a moment, or check that the node is up.',
      details: { endpoint },
      cause,
    });
  }
}

/**
 * The first connection never came up: nothing listens there, the name does not resolve, or the node
 * did not finish the handshake in time. Unlike ChainDisconnectedError nothing retries it; the
 * endpoint itself is probably wrong.
 */
export class ChainUnreachableError extends ChainError {
  constructor(endpoint: string, reason: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('ChainUnreachableError', `cannot reach the chain at ${endpoint} (${reason})`, {
      hint: 'check --subtensor.chain_endpoint / --subtensor.network and that the node is running; for a local chain run `taonode localnet start` and pass the ws:// URL it prints',
      details: { endpoint, reason, ...details },
      cause,
    });
  }
}

/** A call did not answer within its time limit. */
export class ChainTimeoutError extends ChainError {
  constructor(what: string, timeoutMs: number, endpoint: string) {
    super('ChainTimeoutError', `${what} did not answer within ${timeoutMs} ms`, {
      hint: 'The node is slow or unreachable; retry, raise the timeout, or use another endpoint.',
      details: { what, timeoutMs, endpoint },
    });
  }
}

/** Bad arguments caught before anything was sent (bad address, amount, IP, …). */
export class ChainInputError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}, hint?: string) {
    super('ChainInputError', message, { details, ...(hint === undefined ? {} : { hint }) });
  }
}

/** Data read from the chain did not have the expected shape (runtime too old/new, wrong network). */
export class ChainDecodeError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('ChainDecodeError', message, {
      hint: 'The node runs a runtime this client does not understand; check the network and upgrade taonode.',
      details,
      cause,
    });
  }
}
