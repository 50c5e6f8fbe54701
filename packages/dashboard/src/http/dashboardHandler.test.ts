import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Dashboard, type DashboardOptions, openDashboard } from '../index.js';
import { HOSTILE } from '../testing/syntheticData.js';
import { CONTENT_SECURITY_POLICY, safeJson } from './securityHeaders.js';

const made: string[] = [];
const closers: (() => Promise<void>)[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dash-http-'));
  made.push(d);
  return d;
};
afterAll(async () => {
  for (const c of closers) await c();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** The dashboard mounted the way the daemon's health server will mount it. */
async function mounted(
  options: Partial<DashboardOptions> = {},
): Promise<{ dashboard: Dashboard; port: number; server: Server }> {
  const dashboard = await openDashboard({ role: 'validator', dir: null, host: '127.0.0.1', ...options });
  const server = createServer((req, res) => {
    if (dashboard.handler(req, res)) return;
    if (req.url === '/healthz') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('host 404\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await dashboard.close();
  });
  return { dashboard, port: (server.address() as AddressInfo).port, server };
}

/** A raw request (fetch would normalise paths and refuse some headers). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('dashboard HTTP handler', () => {
  it('serves the page and its files with a strict CSP, and leaves other paths to the host', async () => {
    const { port } = await mounted();
    const page = await raw(port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(page.body).not.toMatch(/<style|style=/);
    const uplot = await raw(port, { path: '/assets/vendor/uPlot.esm.js' });
    expect(uplot.status).toBe(200);
    expect(uplot.headers['content-type']).toMatch(/^text\/javascript/);
    const again = await raw(port, {
      path: '/assets/vendor/uPlot.esm.js',
      headers: { 'if-none-match': String(uplot.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect((await raw(port, { path: '/healthz' })).body).toBe('{"ok":true}');
    expect((await raw(port, { path: '/metrics' })).body).toBe('host 404\n');
    for (const path of [
      '/assets/nope.js',
      '/assets/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/src/index.ts',
    ]) {
      const r = await raw(port, { path });
      expect(r.status, path).toBe(404);
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers read-only JSON and rejects bad routes, parameters, methods, bodies and long targets clearly', async () => {
    const { port } = await mounted();
    const overview = await raw(port, { path: '/api/v1/overview' });
    expect(overview.status).toBe(200);
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(overview.body)).toMatchObject({ role: 'validator', history: { persisted: false } });
    const missing = await raw(port, { path: '/api/v1/secrets' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).routes).toContain('/api/v1/miners');
    const bad: [string, RegExp][] = [
      ['/api/v1/history?range=2d', /range/],
      ['/api/v1/history?points=abc', /points.*whole number/],
      ['/api/v1/history?points=0', /points/],
      ['/api/v1/history?uids=1,x', /uids/],
      [`/api/v1/history?uids=${Array.from({ length: 300 }, (_, i) => i).join(',')}`, /uids/],
      ['/api/v1/miners?foo=1', /unknown query parameter 'foo'/],
      ['/api/v1/weights?limit=5&limit=6', /given twice/],
      [`/api/v1/overview?${encodeURIComponent(HOSTILE[0])}=1`, /unknown query parameter/],
    ];
    for (const [path, message] of bad) {
      const r = await raw(port, { path });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).error, path).toMatch(message);
      expect(r.body).not.toContain('<');
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await raw(port, { method, path: '/api/v1/overview' });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
    expect(
      (await raw(port, { path: '/api/v1/overview', headers: { 'content-length': '5' }, body: 'hello' }))
        .status,
    ).toBe(413);
    expect((await raw(port, { path: `/api/v1/overview?x=${'a'.repeat(3000)}` })).status).toBe(414);
    const gz = await raw(port, {
      path: '/assets/vendor/uPlot.esm.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBeLessThan(60_000);
    const head = await raw(port, { method: 'HEAD', path: '/api/v1/miners' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('writes hostile strings as JSON that cannot be read as markup, and reads back exactly', async () => {
    const { dashboard, port } = await mounted();
    dashboard.recorder.validatorStep({
      step: 1,
      miners: HOSTILE.map((h, uid) => ({ uid, hotkey: h, reward: 0.5, score: 0.5, components: { [h]: h } })),
    });
    const r = await raw(port, { path: '/api/v1/miners' });
    expect(r.body).not.toMatch(/[<>&\u2028\u2029]/);
    const parsed = JSON.parse(r.body) as { miners: { hotkey: string; components: Record<string, string> }[] };
    expect(parsed.miners.map((m) => m.hotkey)).toEqual([...HOSTILE]);
    expect(parsed.miners.map((m) => Object.entries(m.components)[0])).toEqual(HOSTILE.map((h) => [h, h]));
    expect(JSON.parse(safeJson({ s: '</script>\u2028&' }))).toEqual({ s: '</script>\u2028&' });
  });

  it('limits a flood with 429s, leaves the host routes alone, and recovers', async () => {
    // One token a second: however slowly this machine serves the 100 requests, most must be refused.
    const { port } = await mounted({ limits: { ratePerSecond: 1, rateBurst: 10 } });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => raw(port, { path: '/api/v1/overview' })),
    );
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(50);
    expect(limited[0]!.headers['retry-after']).toBe('1');
    expect((await raw(port, { path: '/healthz' })).status).toBe(200);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await raw(port, { path: '/api/v1/overview' })).status;
    }
    expect(status).toBe(200);
  });

  it('streams live events, escaped, to a bounded number of clients', async () => {
    const { dashboard, port } = await mounted({ limits: { maxSseClients: 2 } });
    const url = `http://127.0.0.1:${port}/api/v1/events`;
    const a = new AbortController();
    const first = await fetch(url, { signal: a.signal });
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const b = new AbortController();
    await fetch(url, { signal: b.signal });
    const third = await fetch(url);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('10');
    const reader = first.body!.pipeThrough(new TextDecoderStream()).getReader();
    dashboard.recorder.validatorStep({
      step: 7,
      miners: [{ uid: 4, hotkey: HOSTILE[1], reward: 1, score: 0.25 }],
    });
    let text = '';
    while (!text.includes('event: step')) text += (await reader.read()).value ?? '';
    while (!text.endsWith('\n\n')) text += (await reader.read()).value ?? '';
    const data = text.slice(text.indexOf('event: step')).split('\n')[1]!;
    expect(data).not.toMatch(/[<>]/);
    expect(JSON.parse(data.slice('data: '.length))).toMatchObject({
      step: 7,
      miners: [{ uid: 4, hotkey: HOSTILE[1], score: 0.25 }],
    });
    a.abort();
    b.abort();
    // Closed streams free their slots.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      const c = new AbortController();
      status = (await fetch(url, { signal: c.signal })).status;
      c.abort();
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it('checks the Host header when there is no token (DNS rebinding)', async () => {
    const { port } = await mounted();
    expect((await raw(port, { path: '/api/v1/overview', headers: { host: 'evil.example' } })).status).toBe(
      403,
    );
    expect((await raw(port, { path: '/', headers: { host: 'evil.example:80' } })).status).toBe(403);
    expect(
      (await raw(port, { path: '/api/v1/overview', headers: { host: `localhost:${port}` } })).status,
    ).toBe(200);
    expect((await raw(port, { path: '/api/v1/overview', headers: { host: `[::1]:${port}` } })).status).toBe(
      200,
    );
  });

  it('with a token file: API needs the bearer token, the data-free page does not', async () => {
    const dir = tempDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'correct-horse-battery-staple-42\n', { mode: 0o600 });
    const { port } = await mounted({ host: '0.0.0.0', tokenFile });
    const none = await raw(port, { path: '/api/v1/overview' });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toContain('correct-horse');
    expect(
      (
        await raw(port, {
          path: '/api/v1/overview',
          headers: { authorization: 'Bearer wrong-token-wrong-token' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await raw(port, { path: '/api/v1/events', headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
    const ok = await raw(port, {
      path: '/api/v1/overview',
      headers: { authorization: 'Bearer correct-horse-battery-staple-42', host: 'dashboard.example' },
    });
    expect(ok.status).toBe(200);
    expect((await raw(port, { path: '/', headers: { host: 'dashboard.example' } })).status).toBe(200);
  });

  it('refuses a public bind without a token, and bad token files, naming the file but never the token', async () => {
    await expect(openDashboard({ role: 'miner', dir: null, host: '0.0.0.0' })).rejects.toMatchObject({
      name: 'DashboardError',
      message: expect.stringMatching(/token file/),
    });
    const dir = tempDir();
    await expect(
      openDashboard({ role: 'miner', dir: null, host: '0.0.0.0', tokenFile: join(dir, 'missing') }),
    ).rejects.toMatchObject({
      details: { file: join(dir, 'missing'), code: 'ENOENT' },
    });
    const short = join(dir, 'short');
    writeFileSync(short, 'tiny\n');
    const error = await openDashboard({ role: 'miner', dir: null, host: '0.0.0.0', tokenFile: short }).catch(
      (e: Error) => e,
    );
    expect(String((error as Error).message)).toMatch(/16 to 4096/);
    expect(JSON.stringify(error)).not.toContain('tiny');
    const open = join(dir, 'open');
    writeFileSync(open, 'a-token-that-others-can-read-1234\n');
    chmodSync(open, 0o644);
    const warnings: string[] = [];
    const d = await openDashboard({
      role: 'miner',
      dir: null,
      host: '10.0.0.5',
      tokenFile: open,
      logger: { warn: (_o, m) => warnings.push(m) },
    });
    await d.close();
    expect(warnings.join()).toMatch(/readable by others/);
  });

  it('answers under a base path and redirects the bare prefix', async () => {
    const { port } = await mounted({ basePath: '/dashboard' });
    expect((await raw(port, { path: '/' })).body).toBe('host 404\n');
    const redirect = await raw(port, { path: '/dashboard' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe('/dashboard/');
    expect((await raw(port, { path: '/dashboard/' })).status).toBe(200);
    expect((await raw(port, { path: '/dashboard/api/v1/overview' })).status).toBe(200);
  });
});
