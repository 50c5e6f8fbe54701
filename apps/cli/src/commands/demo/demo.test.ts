import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { healthOf, waitFor } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

const mainTs = fileURLToPath(new URL('../../main.ts', import.meta.url));

function portAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// The README's main job, end to end: a real local chain, real daemons as child processes.
describe('taonode demo', () => {
  it('ends with weights read back from the chain for every miner and exits 0', async () => {
    // Generous on purpose: the 10-minute target is measured, not asserted (a shared box can be 10× slower).
    const r = await runCli(['demo', '--timeout', '1500'], { timeoutMs: 1_560_000 });
    if (r.code !== 0) console.error(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/subnet\s+netuid\s+uid\s+role\s+hotkey\s+score\s+weight \(chain\)/);
    const minerRows = r.stdout.split('\n').filter((l) => /^test\s+\d+\s+\d+\s+miner\s/.test(l));
    expect(minerRows).toHaveLength(2);
    for (const row of minerRows) {
      const [score, weight] = row.trim().split(/\s+/).slice(-2).map(Number);
      expect(score).toBeGreaterThan(0);
      expect(weight).toBeGreaterThan(0);
    }
    // SN21: both miners published and committed their tiny models; the validator scored them.
    expect(r.stdout).toMatch(/sn21: SN21 uid \d+: model [0-9a-f]{12} scored [\d.]+ \(baseline [\d.]+\)/);
    // SN24's Focus step: miner1 bought a video and the validator verified the payment on chain.
    expect(r.stdout).toMatch(
      /sn24: the validator verified the transfer on chain: miner1's score [\d.]+ → [\d.]+/,
    );
    // The figure for docs/demo.md (not asserted: no wall-clock assertions in tests).
    console.log(r.stdout.match(/demo finished in [\d.]+s/)?.[0]);
  }, 1_600_000);

  it('--keep leaves chain and daemons running until Ctrl-C, then stops everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taonode-demo-keep-'));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@taonode/source',
        '--import',
        'tsx',
        mainTs,
        'demo',
        '--keep',
        '--subnets',
        'test',
        '--timeout',
        '1500',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await waitFor('the table and the --keep notice', () => stdout.includes('press Ctrl-C to stop'), {
        timeoutMs: 1_500_000,
      });
      expect(stdout).toMatch(/weight \(chain\)/);
      const url = /--keep: chain at (ws:\/\/\S+),/.exec(stdout)?.[1];
      expect(url, stdout).toBeDefined();
      const logs = join(dir, 'logs');
      const daemonLogs = readdirSync(logs).map((f) => join(logs, f));
      expect(daemonLogs.length).toBeGreaterThanOrEqual(3);
      // Still running after the table: the chain port answers and every daemon reports healthy.
      expect(await portAnswers(url!)).toBe(true);
      for (const log of daemonLogs) {
        expect(
          await waitFor(`${log} healthy`, async () => (await healthOf(log))?.ok, { timeoutMs: 60_000 }),
        ).toBe(true);
      }
      // Every daemon's dashboard is listed and answers while --keep holds them up.
      const listed = stdout.slice(stdout.lastIndexOf('dashboards:'));
      const dashboards = [...listed.matchAll(/http:\/\/127\.0\.0\.1:\d+\//g)].map((m) => m[0]);
      expect(dashboards).toHaveLength(daemonLogs.length);
      for (const dashboard of dashboards) {
        const overview = await fetch(`${dashboard}api/v1/overview`);
        expect(overview.status).toBe(200);
        expect(((await overview.json()) as { subnet: string }).subnet).toBe('test');
        expect((await fetch(dashboard)).headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      }
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await portAnswers(url!)).toBe(false);
      for (const log of daemonLogs) expect(await healthOf(log)).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 1_600_000);

  it('rejects a bad --miners or --subnets value', async () => {
    const r = await runCli(['demo', '--miners', 'zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: option '--miners <n>' argument 'zero' is invalid\. must be a positive integer — see: taonode demo --help\n$/,
    );
    const s = await runCli(['demo', '--subnets', 'test,sn99']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(
      /^error: option '--subnets <ids>' argument 'test,sn99' is invalid\. unknown subnet 'sn99'; choose from test/,
    );
  }, 120_000);
});
