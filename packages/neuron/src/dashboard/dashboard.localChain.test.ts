/**
 * The dashboard of real daemons on the local chain, in a real browser: a validator and two miners
 * of the test subnet as child processes, each serving its page on its metrics port; Debian's
 * Chromium driven by playwright-core (never a browser download) opens them. One chain for the file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, ensureChromium, HOSTILE } from '@taonode/dashboard/testing';
import { findRepoRoot } from '@taonode/kit';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonProcess } from '../testing/daemonProcess.js';
import { freePort } from '../testing/freePort.js';
import { neuronCluster } from '../testing/neuronCluster.js';
import { type ProvisionedSubnet, provisionSubnet } from '../testing/provisionSubnet.js';
import { readJsonLog } from '../testing/readJsonLog.js';
import { testChain } from '../testing/testChain.js';
import { waitFor } from '../testing/waitFor.js';

const MINUTE = 60_000;
const browserFound = ensureChromium();
if ('skip' in browserFound) console.warn(`dashboard local-chain browser test skipped: ${browserFound.skip}`);
const screenshotDir = process.env.TAONODE_SCREENSHOT_DIR ?? join(tmpdir(), 'taonode-dashboard-screenshots');

const chain = testChain('dash-chain-');
let subnet: ProvisionedSubnet;
let validator: DaemonProcess;
let miners: DaemonProcess[];
let context: BrowserContext | undefined;
let userDataDir: string | undefined;

interface MinersApi {
  componentKeys: string[];
  miners: { uid: number; hotkey: string | null; score: number; samples: number }[];
}
interface WeightsApi {
  sets: { block: number; mode: string; uids: number[] }[];
}
interface OverviewApi {
  uid: number | null;
  netuid: number | null;
  subnet: string;
  stake: number | null;
  validator: { steps: number } | null;
  miner: { requests: { total: number; ok: number; blacklisted: number; failed: number } } | null;
  history: { persisted: boolean } | null;
}

/** The page's address, from the daemon's `dashboard serving` log line. */
async function dashboardUrl(d: DaemonProcess): Promise<string> {
  return waitFor(
    `${d.spec.name}'s dashboard`,
    async () => {
      const line = (await readJsonLog(d.spec.logFile)).find((l) => l.msg === 'dashboard serving');
      return typeof line?.url === 'string' ? line.url : undefined;
    },
    { timeoutMs: 3 * MINUTE },
  );
}

async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}api/v1/${path}`);
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
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

async function canvasInk(page: Page): Promise<number[]> {
  return page.$$eval('.chart canvas', (canvases) =>
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
  }));

describe.skipIf('skip' in browserFound)('dashboards of daemons on a local chain, in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    await chain.start();
    subnet = await provisionSubnet(chain.client, {
      walletPath: join(chain.workDir, 'wallets'),
      miners: 2,
      subnet: { tempo: 10 },
    });
    const axonPorts = [await freePort('127.0.0.2'), await freePort('127.0.0.2')];
    ({ validator, miners } = neuronCluster({
      subnet,
      endpoint: chain.localnet.url,
      workDir: chain.workDir,
      cwd: findRepoRoot() ?? process.cwd(),
      axonPorts,
      minerDelayMs: 200,
      validatorArgs: ['--neuron.step_interval', '1'],
    }));
    chain.daemons.push(validator, ...miners);
    for (const d of [...miners, validator]) d.start();
    userDataDir = mkdtempSync(join(tmpdir(), 'dash-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: (browserFound as { path: string }).path,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1400, height: 1000 },
    });
  }, 5 * MINUTE);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await chain.close();
  }, 2 * MINUTE);

  it(
    "validator: the table is the API's, plots render, steps and weights arrive live, history survives a restart",
    async () => {
      const url = await dashboardUrl(validator);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const minerUids = subnet.neurons.filter((n) => n.role === 'miner').map((n) => n.uid);
      // Scored both miners at least twice (a score history line) and set weights once.
      await waitFor(
        'both miners scored and a weights set',
        async () => {
          const m = await api<MinersApi>(url, 'miners');
          const w = await api<WeightsApi>(url, 'weights');
          const scored = minerUids.every((uid) => (m.miners.find((x) => x.uid === uid)?.samples ?? 0) >= 2);
          return scored && w.sets.length > 0;
        },
        { timeoutMs: 4 * MINUTE, intervalMs: 1_000 },
      );
      const overview = await api<OverviewApi>(url, 'overview');
      const own = subnet.neurons.find((n) => n.role === 'validator')!;
      expect(overview).toMatchObject({ subnet: 'test', netuid: subnet.netuid, uid: own.uid });
      expect(overview.stake).toBeGreaterThan(0);
      expect(overview.history?.persisted).toBe(true);

      const page = await context!.newPage();
      const problems = watchPage(page);
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: MINUTE });
      await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });

      // The table is the API's miners, with the test subnet's own components as columns.
      const rows = await page.$$eval('table[data-table="miners"] tbody tr', (trs) =>
        trs.map((tr) => ({
          uid: Number(tr.getAttribute('data-row')),
          hotkey: tr.querySelector('td[data-key="hotkey"]')!.textContent,
        })),
      );
      const miners = await api<MinersApi>(url, 'miners');
      expect(rows.map((r) => r.uid).sort((a, b) => a - b)).toEqual(miners.miners.map((m) => m.uid));
      for (const m of miners.miners) expect(rows.find((r) => r.uid === m.uid)?.hotkey).toBe(m.hotkey);
      for (const uid of minerUids) {
        const hotkey = subnet.neurons.find((n) => n.uid === uid)!.hotkey;
        expect(miners.miners.find((m) => m.uid === uid)?.hotkey).toBe(hotkey);
      }
      expect(miners.componentKeys).toEqual(['correct', 'processTime']);
      const headers = await page.$$eval('table[data-table="miners"] th', (ths) =>
        ths.map((th) => th.textContent),
      );
      for (const key of miners.componentKeys) expect(headers).toContain(key);
      const weightsCard = await page.textContent('[data-card="weights"]');
      expect(weightsCard).toMatch(/block \d+ · direct/);

      // Live: the steps counter moves without a reload (a step every ~1–2 s).
      const steps = await page.textContent('[data-card="steps"]');
      await page.waitForFunction(
        (before) => document.querySelector('[data-card="steps"]')?.textContent !== before,
        steps,
        { timeout: MINUTE },
      );
      const ink = await canvasInk(page);
      expect(ink.length).toBeGreaterThanOrEqual(2);
      for (const n of ink) expect(n).toBeGreaterThan(500);
      await page.screenshot({ path: join(screenshotDir, 'local-chain-validator.png'), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();

      // History is kept across a restart: the steps and weights sets from before are served again.
      const before = await api<OverviewApi>(url, 'overview');
      const setsBefore = (await api<WeightsApi>(url, 'weights')).sets;
      await validator.stop();
      const logLines = (await readJsonLog(validator.spec.logFile)).length;
      validator.start();
      const again = await waitFor(
        'the restarted validator dashboard',
        async () => {
          const line = (await readJsonLog(validator.spec.logFile))
            .slice(logLines)
            .find((l) => l.msg === 'dashboard serving');
          if (typeof line?.url !== 'string') return undefined;
          const o = await api<OverviewApi>(line.url, 'overview');
          return (o.validator?.steps ?? 0) >= (before.validator?.steps ?? 0) ? line.url : undefined;
        },
        { timeoutMs: 3 * MINUTE },
      );
      const setsAfter = (await api<WeightsApi>(again, 'weights')).sets;
      expect(setsAfter.map((s) => s.block)).toEqual(expect.arrayContaining(setsBefore.map((s) => s.block)));
    },
    8 * MINUTE,
  );

  it(
    'miner: requests by validator hotkey match the API and /metrics; a forged hostile caller stays text',
    async () => {
      const url = await dashboardUrl(miners[0]!);
      const validatorHotkey = subnet.neurons.find((n) => n.role === 'validator')!.hotkey;
      // Anyone can send an axon request claiming any hotkey: it fails the signature check (401) and
      // is counted as a failed request from that claimed "hotkey".
      const axonPort = Number(
        (await readJsonLog(miners[0]!.spec.logFile)).find((l) => l.msg === 'axon serving')?.port,
      );
      const forged = await fetch(`http://127.0.0.2:${axonPort}/Dummy`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          bt_header_dendrite_hotkey: HOSTILE[0],
          bt_header_dendrite_nonce: '1',
          bt_header_dendrite_uuid: HOSTILE[2],
          bt_header_dendrite_signature: '0x00',
        },
        body: '{"dummy_input": 1}',
      });
      expect(forged.status).toBe(401);
      await waitFor(
        "the validator's requests and the forged one",
        async () => {
          const o = await api<OverviewApi>(url, 'overview');
          return (o.miner?.requests.ok ?? 0) >= 2 && (o.miner?.requests.failed ?? 0) >= 1;
        },
        { timeoutMs: 2 * MINUTE },
      );
      // The same count reaches Prometheus.
      const metrics = await (await fetch(`${url}metrics`)).text();
      expect(metrics).toMatch(
        /taonode_axon_requests_total\{[^}]*synapse="Dummy"[^}]*result="ok"[^}]*\} [1-9]/,
      );
      expect(metrics).toMatch(/taonode_axon_requests_total\{[^}]*result="failed"[^}]*status="401"[^}]*\} 1/);

      const page = await context!.newPage();
      const problems = watchPage(page);
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: MINUTE });
      await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });
      const requests = await api<{ callers: { hotkey: string; requests: number }[] }>(
        url,
        'requests?range=1h',
      );
      const rows = await page.$$eval('table[data-table="callers"] tbody tr', (trs) =>
        trs.map((tr) => tr.querySelector('td[data-key="hotkey"]')!.textContent),
      );
      expect(rows).toEqual(requests.callers.map((c) => c.hotkey));
      expect(rows).toContain(validatorHotkey);
      expect(rows).toContain(HOSTILE[0]);
      // The subnet's own figure (the test subnet counts its answers) is listed and plotted.
      const figures = await api<{ latest: { key: string; value: unknown }[] }>(url, 'figures');
      expect(figures.latest.find((f) => f.key === 'answers')?.value).toBeGreaterThan(0);
      expect(await page.textContent('dl.figures')).toContain('answers');
      // Live: the validator keeps querying; the request counter moves without a reload.
      const count = await page.textContent('[data-card="requests"]');
      await page.waitForFunction(
        (before) => document.querySelector('[data-card="requests"]')?.textContent !== before,
        count,
        { timeout: MINUTE },
      );
      const ink = await canvasInk(page);
      expect(ink.length).toBeGreaterThanOrEqual(2);
      for (const n of ink) expect(n).toBeGreaterThan(500);
      const p = await pwned(page);
      expect(p.flag).toBeNull();
      expect(p.injectedImages).toBe(0);
      await page.screenshot({ path: join(screenshotDir, 'local-chain-miner.png'), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    },
    4 * MINUTE,
  );
});
