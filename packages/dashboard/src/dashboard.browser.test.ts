/**
 * The page in a real browser (Debian's Chromium driven by playwright-core), fed by a recorder with
 * synthetic but realistic data, hostile strings included, over a real node:http server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, openDashboard } from './index.js';
import {
  fillValidatorHistory,
  HOSTILE,
  syntheticMiner,
  syntheticValidator,
} from './testing/syntheticData.js';
import { CHROMIUM_ARGS, ensureChromium } from './testing/systemChromium.js';

const browserFound = ensureChromium();
if ('skip' in browserFound) console.warn(`dashboard browser test skipped: ${browserFound.skip}`);
const screenshotDir = process.env.TAONODE_SCREENSHOT_DIR ?? join(tmpdir(), 'taonode-dashboard-screenshots');

async function serve(dashboard: Dashboard): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (dashboard.handler(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Fails the test on anything the page should never do: run injected script, break the CSP, throw. */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

async function canvasInk(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) ink++;
      return ink;
    }),
  );
}

const pwned = (page: Page) =>
  page.evaluate(() => ({
    flag: (window as unknown as { __pwned?: number }).__pwned ?? null,
    injectedImages: document.querySelectorAll('img').length,
    scripts: Array.from(document.scripts).map((s) => s.getAttribute('src')),
  }));

describe.skipIf('skip' in browserFound)('dashboard in Chromium', () => {
  let context: BrowserContext;
  let userDataDir: string;
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'dash-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: (browserFound as { path: string }).path,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1400, height: 1000 },
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    for (const close of closers) await close();
    for (const d of [userDataDir, ...dirs]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const open = async (role: 'validator' | 'miner', extra: { tokenFile?: string } = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'dash-history-'));
    dirs.push(dir);
    const dashboard = await openDashboard({ role, dir, host: '127.0.0.1', ...extra });
    const { server, url } = await serve(dashboard);
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await dashboard.close();
    });
    return { dashboard, url };
  };

  it('validator view: table matches the API, plots render, live updates arrive, hostile strings stay text', async () => {
    const { dashboard, url } = await open('validator');
    const rec = dashboard.recorder;
    const now = Date.now();
    rec.identity({
      role: 'validator',
      subnet: 'sn2',
      netuid: 2,
      hotkey: '5ValidatorHotkeyForTheDashboardTest0000000000000',
      uid: 0,
      stake: 12_345.6,
      block: Math.floor(now / 12_000),
      version: '0.1.0',
    });
    const world = syntheticValidator({ miners: 48, hostile: true });
    fillValidatorHistory(rec, world, {
      now: now - 12_000,
      days: 0.25,
      stepMs: 12_000,
      sample: 16,
      tempoMs: 20 * 60_000,
    });

    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });

    // The table is the API's miners, cell for cell where it matters.
    const api = (await (await fetch(`${url}api/v1/miners`)).json()) as {
      componentKeys: string[];
      miners: { uid: number; hotkey: string; score: number; components: Record<string, unknown> }[];
    };
    const rows = await page.$$eval('table[data-table="miners"] tbody tr', (trs) =>
      trs.map((tr) => ({
        uid: Number(tr.getAttribute('data-row')),
        hotkey: tr.querySelector('td[data-key="hotkey"]')!.textContent,
        score: tr.querySelector('td[data-key="score"]')!.textContent,
      })),
    );
    expect(rows.map((r) => r.uid).sort((a, b) => a - b)).toEqual(api.miners.map((m) => m.uid));
    for (const m of api.miners) {
      const row = rows.find((r) => r.uid === m.uid)!;
      expect(row.hotkey).toBe(m.hotkey);
      expect(Number(row.score)).toBeCloseTo(m.score, 3);
    }
    const headers = await page.$$eval('table[data-table="miners"] th', (ths) =>
      ths.map((th) => th.textContent),
    );
    for (const key of api.componentKeys) expect(headers).toContain(key);
    expect(api.componentKeys).toEqual(['verified', 'responseTime', 'proofSize', 'note']);
    // Sorted by moving score, best first; a header click re-sorts.
    const scores = rows.map((r) => Number(r.score));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await page.click('table[data-table="miners"] th[data-key="uid"]');
    const uidsAfter = await page.$$eval('table[data-table="miners"] tbody tr', (trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-row'))),
    );
    expect(uidsAfter).toEqual([...uidsAfter].sort((a, b) => b - a));

    // Both plots drew something.
    const ink = await canvasInk(page, '.chart canvas');
    expect(ink.length).toBeGreaterThanOrEqual(2);
    for (const n of ink) expect(n).toBeGreaterThan(500);

    // Live: a step and a weights set reach the page over SSE without a reload.
    rec.validatorStep({
      step: 99_999,
      durationMs: 1234,
      miners: [
        {
          uid: 7,
          hotkey: world.hotkeys[7],
          reward: 0.5,
          score: 0.987654,
          components: { verified: true, responseTime: 0.25, proofSize: 999 },
        },
      ],
    });
    await page.waitForFunction(
      () => document.querySelector('tr[data-row="7"] td[data-key="score"]')?.textContent === '0.9877',
      undefined,
      { timeout: 15_000 },
    );
    const block = Math.floor(Date.now() / 12_000) + 3;
    rec.weightsSet({ block, mode: 'timelocked', uids: [7, 8], weights: [0.75, 0.25] });
    await page.waitForFunction(
      (b) =>
        document.querySelector('[data-card="weights"]')?.textContent?.includes(`block ${b} · timelocked`),
      block,
      { timeout: 15_000 },
    );

    // Hostile hotkeys and component values are shown as text and never run.
    const hostileCell = await page.textContent('tr[data-row="1"] td[data-key="hotkey"]');
    expect(hostileCell).toBe(HOSTILE[0]);
    expect(await page.textContent('tr[data-row="2"] td[data-key="hotkey"]')).toBe(HOSTILE[1]);
    const p = await pwned(page);
    expect(p.flag).toBeNull();
    expect(p.injectedImages).toBe(0);
    expect(p.scripts).toEqual(['assets/app.js']);
    await page.click('table[data-table="miners"] th[data-key="score"]');
    await page.screenshot({ path: join(screenshotDir, 'validator.png'), fullPage: true });
    await page.screenshot({ path: join(screenshotDir, 'validator-top.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('miner view: callers table matches the API, charts render, live counters and figures update', async () => {
    const { dashboard, url } = await open('miner');
    const rec = dashboard.recorder;
    const now = Date.now();
    rec.identity({
      role: 'miner',
      subnet: 'sn2',
      netuid: 2,
      hotkey: '5MinerHotkeyForTheDashboardTest00000000000000000',
      uid: 5,
      stake: 0,
      block: Math.floor(now / 12_000),
    });
    const world = syntheticMiner({ validators: 6, hostile: true });
    // 55 minutes, not 60: the 1 h window's oldest 5-minute bucket must not slide out between the
    // page's fetch and the test's.
    for (let t = now - 3_300_000; t < now - 1_000; t += 1_500) world.requestAt(rec, t);
    for (let i = 0; i <= 60; i++)
      rec.figures({
        figures: { 'proofs made': i * 3, 'queue depth': i % 7 },
        at: now - 3_600_000 + i * 60_000,
      });
    rec.figures({ figures: { commitment: 'set', [HOSTILE[1]]: HOSTILE[0] } });

    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });

    const api = (await (await fetch(`${url}api/v1/requests?range=1h`)).json()) as {
      callers: { hotkey: string; requests: number; blacklisted: number }[];
    };
    const rows = await page.$$eval('table[data-table="callers"] tbody tr', (trs) =>
      trs.map((tr) => ({
        hotkey: tr.querySelector('td[data-key="hotkey"]')!.textContent,
        requests: Number(tr.querySelector('td[data-key="requests"]')!.textContent!.replace(/,/g, '')),
      })),
    );
    expect(rows).toEqual(api.callers.map((c) => ({ hotkey: c.hotkey, requests: c.requests })));
    expect(rows.map((r) => r.hotkey)).toContain(HOSTILE[0]);
    const ink = await canvasInk(page, '.chart canvas');
    expect(ink.length).toBeGreaterThanOrEqual(3);
    for (const n of ink) expect(n).toBeGreaterThan(500);
    const figureText = await page.textContent('dl.figures');
    expect(figureText).toContain(HOSTILE[0]);
    expect(figureText).toContain(HOSTILE[1]);

    // Live: more requests bump the counters; a figure change shows up.
    const before = await page.textContent('[data-card="requests"]');
    for (let i = 0; i < 25; i++)
      rec.minerRequest({
        caller: world.validators[0],
        synapse: 'QueryZkProof',
        outcome: 'ok',
        latencyMs: 120,
      });
    await page.waitForFunction(
      (b) => document.querySelector('[data-card="requests"]')?.textContent !== b,
      before,
      { timeout: 15_000 },
    );
    rec.figures({ figures: { commitment: 'pending reveal' } });
    await page.waitForFunction(
      () => document.querySelector('dl.figures')?.textContent?.includes('pending reveal'),
      undefined,
      { timeout: 15_000 },
    );

    const p = await pwned(page);
    expect(p.flag).toBeNull();
    expect(p.injectedImages).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'miner.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('with a token file the page asks for the token before any data loads', async () => {
    const tokenDir = mkdtempSync(join(tmpdir(), 'dash-token-'));
    dirs.push(tokenDir);
    const tokenFile = join(tokenDir, 'token');
    writeFileSync(tokenFile, 'a-long-enough-test-token-0123456789\n', { mode: 0o600 });
    const { dashboard, url } = await open('validator', { tokenFile });
    dashboard.recorder.identity({ role: 'validator', subnet: 'test', netuid: 1, hotkey: 'hk', uid: 0 });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(url);
    await page.waitForSelector('#auth:not([hidden])', { timeout: 30_000 });
    expect(await page.$('body[data-ready="true"]')).toBeNull();
    await page.fill('#token', 'a-long-enough-test-token-0123456789');
    await page.click('#auth button');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });
    // The only console error allowed is the 401 the first, token-less request got.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 120_000);
});
