import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import { isRouteName, parseParams, type RangeName, type RouteName } from '../api/queryParams.js';
import {
  figuresView,
  historyView,
  minersView,
  overviewView,
  requestsView,
  type ViewContext,
  weightsListView,
} from '../api/views.js';
import type { DashboardLogger, Recorder } from '../recorder.js';
import { type AuthConfig, authorize } from './auth.js';
import { RateLimiter } from './rateLimiter.js';
import { safeJson, setSecurityHeaders } from './securityHeaders.js';
import { SseHub } from './sseHub.js';
import type { Asset } from './staticAssets.js';

/** Mount on any node:http server: returns true when it answered, false for paths it does not own. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HandlerLimits {
  /** Open live streams at most (default 8). */
  maxSseClients: number;
  /** Requests per second over the whole dashboard, and the burst above that (defaults 50 and 100). */
  ratePerSecond: number;
  rateBurst: number;
  /** Longest request target accepted (default 2048). */
  maxUrlChars: number;
  /** A JSON view is recomputed at most this often while data keeps changing (default 250 ms). */
  minRecomputeMs: number;
}

export const DEFAULT_LIMITS: HandlerLimits = {
  maxSseClients: 8,
  ratePerSecond: 50,
  rateBurst: 100,
  maxUrlChars: 2048,
  minRecomputeMs: 250,
};

export interface HandlerDeps {
  recorder: Recorder;
  assets: ReadonlyMap<string, Asset>;
  auth: AuthConfig;
  limits: HandlerLimits;
  basePath: string;
  retentionMs: number;
  storeStats: () => ViewContext['store'];
  logger?: DashboardLogger;
  now?: () => number;
}

interface CachedView {
  version: number;
  at: number;
  body: string;
  /** Compressed once, on the libuv thread pool, the first time a client accepts gzip. */
  gz?: Promise<Buffer>;
}

const GZIP_MIN_BYTES = 2048;

export function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

export const API_ROUTES: readonly RouteName[] = [
  'overview',
  'miners',
  'history',
  'weights',
  'requests',
  'figures',
  'events',
];

export function createDashboardHandler(deps: HandlerDeps): { handle: DashboardHandler; close(): void } {
  const now = deps.now ?? Date.now;
  const limiter = new RateLimiter(deps.limits.ratePerSecond, deps.limits.rateBurst, now);
  const hub = new SseHub(deps.recorder, { maxClients: deps.limits.maxSseClients });
  const cache = new Map<string, CachedView>();
  const base = deps.basePath.replace(/\/+$/, '');

  const send = (res: ServerResponse, head: boolean, status: number, body: string | Buffer, type: string) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  const sendJson = (res: ServerResponse, head: boolean, status: number, value: unknown) => {
    res.setHeader('cache-control', 'no-store');
    send(res, head, status, safeJson(value), 'application/json; charset=utf-8');
  };

  const view = (route: RouteName, params: Record<string, unknown>): unknown => {
    const ctx: ViewContext = {
      recorder: deps.recorder,
      now: now(),
      retentionMs: deps.retentionMs,
      store: deps.storeStats(),
    };
    switch (route) {
      case 'overview':
        return overviewView(ctx);
      case 'miners':
        return minersView(ctx);
      case 'history':
        return historyView(ctx, params as { range: RangeName; points: number; uids?: number[] });
      case 'weights':
        return weightsListView(ctx, params as { range: RangeName; limit: number });
      case 'requests':
        return requestsView(ctx, params as { range: RangeName });
      case 'figures':
        return figuresView(ctx, params as { range: RangeName; points: number });
      default:
        return undefined;
    }
  };

  /** Views are rebuilt only when data changed, and not more often than minRecomputeMs under load. */
  const cachedView = (key: string, route: RouteName, params: Record<string, unknown>): CachedView => {
    const t = now();
    const hit = cache.get(key);
    const version = deps.recorder.version;
    if (hit && (hit.version === version || t - hit.at < deps.limits.minRecomputeMs)) return hit;
    const entry: CachedView = { version, at: t, body: safeJson(view(route, params)) };
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > 64) cache.delete(cache.keys().next().value!);
    return entry;
  };

  const sendView = (req: IncomingMessage, res: ServerResponse, head: boolean, entry: CachedView) => {
    const type = 'application/json; charset=utf-8';
    res.setHeader('cache-control', 'no-store');
    res.setHeader('vary', 'accept-encoding');
    if (entry.body.length < GZIP_MIN_BYTES || !acceptsGzip(req)) {
      send(res, head, 200, entry.body, type);
      return;
    }
    entry.gz ??= new Promise((resolve, reject) => gzip(entry.body, (e, b) => (e ? reject(e) : resolve(b))));
    entry.gz.then(
      (body) => {
        if (res.destroyed) return;
        res.setHeader('content-encoding', 'gzip');
        send(res, head, 200, body, type);
      },
      () => {
        if (!res.destroyed) send(res, head, 200, entry.body, type);
      },
    );
  };

  const api = (req: IncomingMessage, res: ServerResponse, head: boolean, path: string, url: URL) => {
    const verdict = authorize(req, deps.auth);
    if (!verdict.ok) {
      if (verdict.status === 401) res.setHeader('www-authenticate', 'Bearer realm="taonode dashboard"');
      sendJson(res, head, verdict.status, { error: verdict.message });
      return;
    }
    const name = path.startsWith('/api/v1/') ? path.slice('/api/v1/'.length) : '';
    if (!isRouteName(name)) {
      sendJson(res, head, 404, { error: 'no such API route', routes: API_ROUTES.map((r) => `/api/v1/${r}`) });
      return;
    }
    const parsed = parseParams(name, url.searchParams);
    if (!parsed.ok) {
      sendJson(res, head, 400, { error: parsed.message });
      return;
    }
    if (name === 'events') {
      if (head) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' }).end();
      } else if (!hub.open(req, res)) {
        res.setHeader('retry-after', '10');
        sendJson(res, false, 503, { error: 'too many live connections' });
      }
      return;
    }
    sendView(req, res, head, cachedView(`${name}?${url.searchParams}`, name, parsed.params));
  };

  const handle: DashboardHandler = (req, res) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    if (base && rawPath !== base && !rawPath.startsWith(`${base}/`)) return false;
    if (base && rawPath === base) {
      // The page's links are relative: it must be opened as `<base>/`.
      setSecurityHeaders(res);
      res.writeHead(308, { location: `${base}/` }).end();
      return true;
    }
    const path = rawPath.slice(base.length) || '/';
    const isPage = path === '/' || path === '/index.html';
    const isAsset = path.startsWith('/assets/');
    const isApi = path === '/api' || path.startsWith('/api/');
    if (!isPage && !isAsset && !isApi) return false;
    try {
      setSecurityHeaders(res);
      const head = req.method === 'HEAD';
      if (req.method !== 'GET' && !head) {
        res.setHeader('allow', 'GET, HEAD');
        sendJson(res, false, 405, { error: 'read-only: GET and HEAD only' });
        return true;
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > 0 || req.headers['transfer-encoding'] !== undefined) {
        res.setHeader('connection', 'close');
        sendJson(res, head, 413, { error: 'requests carry no body' });
        return true;
      }
      if (target.length > deps.limits.maxUrlChars) {
        sendJson(res, head, 414, {
          error: `request target longer than ${deps.limits.maxUrlChars} characters`,
        });
        return true;
      }
      if (!limiter.take()) {
        res.setHeader('retry-after', '1');
        sendJson(res, head, 429, { error: 'too many requests' });
        return true;
      }
      let url: URL;
      try {
        url = new URL(target.slice(base.length) || '/', 'http://dashboard.invalid');
      } catch {
        sendJson(res, head, 400, { error: 'malformed request target' });
        return true;
      }
      if (isApi) {
        api(req, res, head, path, url);
        return true;
      }
      // The page and its files hold no data: without a token a Host check still applies (DNS
      // rebinding), with one they load freely and the page asks for the token before any API call.
      if (!deps.auth.tokenDigest) {
        const verdict = authorize(req, deps.auth);
        if (!verdict.ok) {
          sendJson(res, head, verdict.status, { error: verdict.message });
          return true;
        }
      }
      const asset = deps.assets.get(isPage ? 'index.html' : path.slice('/assets/'.length));
      if (!asset) {
        sendJson(res, head, 404, { error: 'not found' });
        return true;
      }
      res.setHeader('etag', asset.etag);
      res.setHeader('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === asset.etag) {
        res.writeHead(304).end();
        return true;
      }
      res.setHeader('vary', 'accept-encoding');
      if (asset.gz && acceptsGzip(req)) {
        res.setHeader('content-encoding', 'gzip');
        send(res, head, 200, asset.gz, asset.type);
      } else {
        send(res, head, 200, asset.body, asset.type);
      }
    } catch (error) {
      deps.logger?.warn({ err: error, path: path.slice(0, 100) }, 'dashboard: request failed');
      if (!res.headersSent) sendJson(res, false, 500, { error: 'internal error' });
      else res.destroy();
    }
    return true;
  };

  return { handle, close: () => hub.close() };
}
