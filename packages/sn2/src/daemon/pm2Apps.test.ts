/**
 * apps/sn2-miner and apps/sn2-validator as ecosystem.config.js starts them under pm2 (from source):
 * the flags the ecosystem passes parse (a bad flag would exit 64), the daemons run, and with no
 * wallet they stop with exit 78 and the command to fix it, which pm2 does not restart. The full
 * prove → verify → weights path is sn2LocalChain.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import { pm2List, runPm2, waitFor } from '@taonode/neuron';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = findRepoRoot() ?? process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'sn2-pm2-'));
const env: NodeJS.ProcessEnv = {
  PM2_HOME: join(dir, '.pm2'),
  TAONODE_FROM_SOURCE: '1',
  TAONODE_PM2_WALLET_PATH: join(dir, 'no-wallets'),
  TAONODE_PM2_NETWORK: 'ws://127.0.0.1:9',
};

afterAll(async () => {
  await runPm2(repoRoot, ['kill'], env).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}, 120_000);

describe('SN2 apps under pm2', () => {
  it('start from ecosystem.config.js, accept its flags, and stop with 78 when the wallet is missing', async () => {
    const started = await runPm2(
      repoRoot,
      ['start', 'ecosystem.config.js', '--only', 'sn2-miner,sn2-validator'],
      env,
    );
    expect(started.code, started.stderr).toBe(0);
    const apps = await waitFor(
      'both SN2 apps to stop',
      async () => {
        const list = (await pm2List(repoRoot, env)).filter((p) => p.name.startsWith('sn2-'));
        return list.length === 2 && list.every((p) => p.status === 'stopped') ? list : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 2_000 },
    );
    for (const app of apps) {
      expect(app).toMatchObject({ restarts: 0, exitCode: 78 });
      const err = await readFile(app.outLog.replace(/-out\.log$/, '-error.log'), 'utf8').catch(() => '');
      const out = await readFile(app.outLog, 'utf8').catch(() => '');
      expect(out + err).toMatch(new RegExp(`cannot load hotkey '${app.name}'`));
    }
  }, 240_000);
});
