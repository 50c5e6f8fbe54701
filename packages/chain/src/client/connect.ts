import { ApiPromise } from '@polkadot/api';
import { withTimeout } from '@taonode/kit';
import {
  ChainDisconnectedError,
  ChainError,
  ChainTimeoutError,
  ChainUnreachableError,
} from '../errors/chainError.js';
import { BackoffWsProvider } from './backoffProvider.js';
import { type EndpointSelection, resolveEndpoint } from './networks.js';
import { SUBTENSOR_SIGNED_EXTENSIONS } from './signedExtensions.js';

export interface ConnectOptions extends EndpointSelection {
  /** Limit for every read (default 30 s). */
  timeoutMs?: number;
  /** Limit for a transaction from submission to inclusion (default 120 s). */
  txTimeoutMs?: number;
  /**
   * Give up on the first connection after this long (default 30 s) with ChainUnreachableError; a
   * refused or failed first attempt gives up at once. Later drops retry forever.
   */
  connectTimeoutMs?: number;
  /** Reconnect backoff: first delay (default 500 ms), doubled up to maxDelayMs (default 10 s). */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /**
   * For chopsticks in Manual block mode: called once the pool accepted a transaction, e.g. to
   * build a block with `dev_newBlock`. Leave unset against real nodes and Instant mode.
   */
  afterSubmit?: (client: ChainClient) => Promise<void>;
}

/** What every action takes as its first argument. */
export interface ChainClient {
  readonly api: ApiPromise;
  readonly endpoint: string;
  /** finney, test, local, archive or custom. */
  readonly network: string;
  readonly timeoutMs: number;
  readonly txTimeoutMs: number;
  readonly isConnected: boolean;
  readonly afterSubmit: ((client: ChainClient) => Promise<void>) | undefined;
  /** Runs a read under the time limit; a dropped socket becomes ChainDisconnectedError. */
  request<T>(what: string, run: (api: ApiPromise) => Promise<T>, timeoutMs?: number): Promise<T>;
  /** Raw JSON-RPC, e.g. `state_call` or chopsticks' `dev_*` methods. */
  rpc<T = unknown>(method: string, params?: unknown[], timeoutMs?: number): Promise<T>;
  /** Listens for socket drops; returns the unsubscribe function. */
  onDisconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Opens a websocket client to a subtensor node. It reconnects by itself with backoff after a drop;
 * calls in flight at the drop fail with ChainDisconnectedError and later calls work again once the
 * socket is back, without building a new client.
 */
export async function connect(options: ConnectOptions = {}): Promise<ChainClient> {
  const { endpoint, network } = resolveEndpoint(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const provider = new BackoffWsProvider(endpoint, {
    initialDelayMs: options.reconnect?.initialDelayMs ?? 500,
    maxDelayMs: options.reconnect?.maxDelayMs ?? 10_000,
    requestTimeoutMs: timeoutMs,
  });
  const api = new ApiPromise({
    provider,
    noInitWarn: true,
    throwOnConnect: false,
    signedExtensions: SUBTENSOR_SIGNED_EXTENSIONS,
    rpc: QUIET_SUBMIT_RPC,
  });
  // ApiPromise reports init errors as events; without a listener they would be unhandled.
  api.on('error', () => undefined);

  const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
  try {
    await withTimeout(
      api.isReadyOrError,
      connectTimeoutMs,
      'connect',
      () => new ChainTimeoutError('connect', connectTimeoutMs, endpoint),
    );
  } catch (error) {
    await api.disconnect().catch(() => undefined);
    if (error instanceof ChainTimeoutError) {
      throw new ChainUnreachableError(
        endpoint,
        `no answer within ${connectTimeoutMs} ms`,
        { network, connectTimeoutMs },
        error,
      );
    }
    if (error instanceof ChainError) throw error;
    throw new ChainUnreachableError(endpoint, connectFailureReason(error), { network }, error);
  }

  const client: ChainClient = {
    api,
    endpoint,
    network,
    timeoutMs,
    txTimeoutMs: options.txTimeoutMs ?? 120_000,
    get isConnected() {
      return provider.isConnected;
    },
    afterSubmit: options.afterSubmit,
    async request<T>(what: string, run: (api: ApiPromise) => Promise<T>, limit = timeoutMs): Promise<T> {
      if (!provider.isConnected) throw new ChainDisconnectedError(endpoint);
      try {
        return await withTimeout(run(api), limit, what, () => new ChainTimeoutError(what, limit, endpoint));
      } catch (error) {
        throw mapError(error, endpoint, what);
      }
    },
    rpc<T>(method: string, params: unknown[] = [], limit = timeoutMs): Promise<T> {
      return client.request(method, () => provider.send<T>(method, params), limit);
    },
    onDisconnect(listener) {
      return provider.on('disconnected', listener);
    },
    async close() {
      await api.disconnect().catch(() => undefined);
    },
  };
  return client;
}

/**
 * polkadot.js prints every failed RPC to stderr; pool refusals are expected and come back to the
 * caller as typed errors, so the submit methods are redeclared with logging off.
 */
const QUIET_SUBMIT_RPC = {
  author: {
    submitAndWatchExtrinsic: {
      description: 'Submit and subscribe to watch an extrinsic until unsubscribed',
      isSigned: true,
      noErrorLog: true,
      params: [{ name: 'extrinsic', type: 'Extrinsic' }],
      pubsub: ['extrinsicUpdate', 'submitAndWatchExtrinsic', 'unwatchExtrinsic'] as [string, string, string],
      type: 'ExtrinsicStatus',
    },
    submitExtrinsic: {
      description: 'Submit a fully formatted extrinsic for block inclusion',
      isSigned: true,
      noErrorLog: true,
      params: [{ name: 'extrinsic', type: 'Extrinsic' }],
      type: 'Hash',
    },
  },
};

/**
 * What the websocket said when the first connection failed. polkadot.js rejects with the socket's
 * ErrorEvent, not an Error, so its message (e.g. `connect ECONNREFUSED 127.0.0.1:9`) is dug out here.
 */
export function connectFailureReason(error: unknown): string {
  const event = error as { message?: unknown; error?: { message?: unknown } } | null | undefined;
  for (const candidate of [event?.message, event?.error?.message]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  if (typeof error === 'string' && error !== '') return error;
  return 'the websocket failed to open';
}

const DISCONNECT_PATTERNS = [/disconnected from/i, /not connected/i, /Abnormal Closure/i, /socket.*clos/i];

/**
 * Socket-level failures become ChainDisconnectedError, the provider's own request timeout a
 * ChainTimeoutError naming the call and the limit that fired; typed chain errors pass through.
 */
export function mapError(error: unknown, endpoint: string, what = 'rpc request'): Error {
  if (error instanceof ChainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (DISCONNECT_PATTERNS.some((re) => re.test(message))) return new ChainDisconnectedError(endpoint, error);
  const providerTimeout = /No response received from RPC endpoint in ([\d.]+)s/i.exec(message);
  if (providerTimeout !== null) {
    return new ChainTimeoutError(what, Math.round(Number(providerTimeout[1]) * 1000), endpoint);
  }
  return error instanceof Error ? error : new Error(message);
}
