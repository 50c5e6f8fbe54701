/**
 * The SN2 and SN24 apps under pm2, as ecosystem.config.js starts them (from source, private
 * PM2_HOME): the ecosystem's flags and config/<app>.json parse and pass each subnet's checks, and
 * with no wallet each app stops with exit 78 naming the hotkey, which pm2 leaves stopped. The full
 * miner → validator → weights paths are sn2LocalChain.test.ts and sn24LocalChain.test.ts, and both
 * subnets online under pm2, as the README runs them, is apps/cli/src/operator/readmeOperator.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import { pm2List, runPm2, waitFor } from '@taonode/neuron';
import { afterAll, describe, expect, it } from 'vitest';

const root = findRepoRoot() ?? process.cwd();
const home = mkdtempSync(join(tmpdir(), 'apps-pm2-'));
const pm2Env: NodeJS.ProcessEnv = {
  PM2_HOME: join(home, '.pm2'),
  TAONODE_FROM_SOURCE: '1',
  TAONODE_PM2_WALLET_PATH: join(home, 'wallets-that-do-not-exist'),
  TAONODE_PM2_NETWORK: 'ws://127.0.0.1:9',
};
const APPS = ['sn2-miner', 'sn2-validator', 'sn24-miner', 'sn24-validator'];

afterAll(async () => {
  await runPm2(root, ['kill'], pm2Env).catch(() => undefined);
  await rm(home, { recursive: true, force: true });
}, 120_000);

describe('SN2 and SN24 apps under pm2', () => {
  it('accept the ecosystem flags and stop with 78 (no restart) when the hotkey is missing', async () => {
    const started = await runPm2(root, ['start', 'ecosystem.config.js', '--only', APPS.join(',')], pm2Env);
    expect(started.code, started.stderr).toBe(0);
    const stopped = await waitFor(
      'the four apps stopped',
      async () => {
        const mine = (await pm2List(root, pm2Env)).filter((p) => APPS.includes(p.name));
        return mine.length === APPS.length && mine.every((p) => p.status === 'stopped') ? mine : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 2_000 },
    );
    for (const app of stopped) {
      expect(app, app.name).toMatchObject({ restarts: 0, exitCode: 78 });
      const logs = await Promise.all(
        [app.outLog, app.outLog.replace(/-out\.log$/, '-error.log')].map((f) =>
          readFile(f, 'utf8').catch(() => ''),
        ),
      );
      expect(logs.join('\n')).toContain(`cannot load hotkey '${app.name}'`);
    }
  }, 300_000);
});
