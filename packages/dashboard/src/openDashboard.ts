import { DashboardError } from './dashboardError.js';
import type { NeuronRole } from './events.js';
import { type ReplayReport, SegmentStore } from './history/segmentStore.js';
import { allowedHostSet, isLoopbackHost, loadTokenDigest } from './http/auth.js';
import {
  createDashboardHandler,
  type DashboardHandler,
  DEFAULT_LIMITS,
  type HandlerLimits,
} from './http/dashboardHandler.js';
import { loadAssets } from './http/staticAssets.js';
import { type DashboardLogger, type DashboardRecorder, Recorder } from './recorder.js';

export interface DashboardOptions {
  role: NeuronRole;
  /** History folder (e.g. `<state dir>/dashboard`); null keeps history in memory only. */
  dir: string | null;
  /** Address of the server the handler is mounted on; anything but loopback needs `tokenFile`. */
  host: string;
  /** File holding the bearer token (first line); required for a non-loopback host. */
  tokenFile?: string;
  /** Extra Host header names accepted without a token (a reverse proxy's name). */
  allowedHosts?: readonly string[];
  retentionDays?: number;
  maxBytes?: number;
  flushIntervalMs?: number;
  /** Path prefix the handler answers under (default '' = `/`, `/assets/…`, `/api/v1/…`). */
  basePath?: string;
  limits?: Partial<HandlerLimits>;
  logger?: DashboardLogger;
  now?: () => number;
}

export interface Dashboard {
  recorder: DashboardRecorder;
  /** `(req, res) => boolean`: true when it answered; mount it before the host's own routes. */
  handler: DashboardHandler;
  /** Resolves when the previous run's history has loaded: files, lines, skipped (torn or bad) lines, ms. */
  ready: Promise<ReplayReport & { ms: number }>;
  /** Writes queued history now (the runtime need not call it; it runs on a timer and at close). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_RETENTION_DAYS = 7;
export const DEFAULT_MAX_BYTES = 64 * 2 ** 20;

/**
 * Opens the history (replaying what a previous run kept), builds the recorder and the HTTP handler.
 * Throws DashboardError only for what the operator must fix (a public bind without a token, an
 * unreadable token file); a history folder that cannot be used is logged and history stays in memory.
 */
export async function openDashboard(options: DashboardOptions): Promise<Dashboard> {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(retentionDays > 0) || !(maxBytes >= 64 * 2 ** 10)) {
    throw new DashboardError('dashboard history needs retention > 0 days and at least 64 KiB', {
      retentionDays,
      maxBytes,
    });
  }
  if (!isLoopbackHost(options.host) && !options.tokenFile) {
    throw new DashboardError(
      `the dashboard on ${options.host} is reachable from other machines: give it a bearer token file, or bind the metrics server to 127.0.0.1`,
      { host: options.host },
    );
  }
  const tokenDigest = options.tokenFile
    ? await loadTokenDigest(options.tokenFile, (msg) => options.logger?.warn({}, msg))
    : undefined;
  const retentionMs = retentionDays * 86_400_000;
  let store: SegmentStore | undefined;
  if (options.dir !== null) {
    try {
      store = await SegmentStore.open({ dir: options.dir, retentionMs, maxBytes, now: options.now });
    } catch (error) {
      options.logger?.warn(
        { err: error },
        'dashboard: history folder not usable; history kept in memory only',
      );
    }
  }
  const recorder = new Recorder({
    role: options.role,
    retentionMs,
    store,
    flushIntervalMs: options.flushIntervalMs,
    logger: options.logger,
    now: options.now,
  });
  // The previous run's history loads in the background (yielding to the event loop as it goes), so
  // a week of it never delays the daemon's start; live events wait and apply after it, in order.
  let replay: Promise<ReplayReport & { ms: number }> = Promise.resolve({
    files: 0,
    lines: 0,
    skipped: 0,
    ms: 0,
  });
  if (store) {
    const started = performance.now();
    recorder.beginReplay();
    replay = store
      .replay((line) => recorder.replayLine(line))
      .catch((error: unknown) => {
        options.logger?.warn({ err: error }, 'dashboard: history replay failed; showing what loaded');
        return { files: 0, lines: 0, skipped: 0 };
      })
      .then((report) => {
        recorder.endReplay();
        if (report.skipped > 0) {
          options.logger?.warn(
            { skipped: report.skipped, dir: options.dir },
            'dashboard: skipped unreadable history lines',
          );
        }
        return { ...report, ms: Math.round(performance.now() - started) };
      });
  }
  const assets = await loadAssets();
  const handler = createDashboardHandler({
    recorder,
    assets,
    auth: { tokenDigest, allowedHosts: allowedHostSet(options.host, options.allowedHosts) },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    basePath: options.basePath ?? '',
    retentionMs,
    storeStats: () => (store ? { ...store.stats, maxBytes } : null),
    logger: options.logger,
    now: options.now,
  });
  return {
    recorder,
    handler: handler.handle,
    ready: replay,
    flush: () => recorder.flush(),
    close: async () => {
      await replay;
      handler.close();
      await recorder.close();
    },
  };
}
