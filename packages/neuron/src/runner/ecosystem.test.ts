import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/chain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_CONFIG, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { exitNotImplemented } from './notImplemented.js';

interface Pm2App {
  name: string;
  script: string;
  args: string[];
  kill_timeout: number;
  stop_exit_codes: number[];
}

const root = findRepoRoot() ?? process.cwd();

async function loadApps(env: Record<string, string>): Promise<Pm2App[]> {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  const mod = (await import(join(root, 'ecosystem.config.js'))) as { default: { apps: Pm2App[] } };
  return mod.default.apps;
}

const flag = (app: Pm2App, name: string) => {
  const i = app.args.indexOf(name);
  return i === -1 ? undefined : app.args[i + 1];
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ecosystem.config.js', () => {
  it('lists the eight subnet apps with the flags operators pass', async () => {
    const apps = await loadApps({ TAONODE_TEST_NETUID: '' });
    const names = ['sn2', 'sn21', 'sn24', 'sn30'].flatMap((sn) => [`${sn}-miner`, `${sn}-validator`]);
    expect(apps.map((a) => a.name)).toEqual(names);
    const ports = new Set<string>();
    for (const app of apps) {
      const netuid = app.name.split('-')[0]!.slice(2);
      expect(flag(app, '--netuid')).toBe(netuid);
      expect(flag(app, '--wallet.hotkey')).toBe(app.name);
      for (const f of ['--wallet.name', '--wallet.path', '--subtensor.network', '--metrics.port']) {
        expect(flag(app, f), `${app.name} ${f}`).toBeDefined();
      }
      if (app.name.endsWith('-miner')) expect(Number(flag(app, '--axon.port'))).toBeGreaterThan(0);
      ports.add(flag(app, '--metrics.port')!);
      expect(existsSync(join(root, 'apps', app.name, 'src', 'main.ts'))).toBe(true);
      expect(app.script).toBe(join(root, 'apps', app.name, 'dist', 'main.js'));
      // The daemon's own stop deadline (8 s) is inside pm2's, so pm2 never has to SIGKILL.
      expect(app.kill_timeout).toBeGreaterThan(8_000);
      expect(app.stop_exit_codes).toEqual(expect.arrayContaining([EXIT_OK, EXIT_USAGE, EXIT_CONFIG]));
    }
    expect(ports.size).toBe(8);
  });

  it('takes per-subnet netuids and a port offset from the environment (testnet, several boxes)', async () => {
    const apps = await loadApps({
      TAONODE_TEST_NETUID: '',
      TAONODE_PM2_NETUID_SN2: '118',
      TAONODE_PM2_PORT_OFFSET: '100',
    });
    const byName = new Map(apps.map((a) => [a.name, a]));
    expect(flag(byName.get('sn2-miner')!, '--netuid')).toBe('118');
    expect(flag(byName.get('sn2-validator')!, '--netuid')).toBe('118');
    expect(flag(byName.get('sn24-miner')!, '--netuid')).toBe('24');
    expect(flag(byName.get('sn2-miner')!, '--axon.port')).toBe('8191');
    expect(flag(byName.get('sn2-miner')!, '--metrics.port')).toBe('9201');
    await expect(loadApps({ TAONODE_TEST_NETUID: '', TAONODE_PM2_NETUID_SN24: 'abc' })).rejects.toThrow(
      /TAONODE_PM2_NETUID_SN24="abc" is not an integer/,
    );
  });

  it('adds the test-subnet apps for a local chain when TAONODE_TEST_NETUID is set', async () => {
    const apps = await loadApps({
      TAONODE_TEST_NETUID: '5',
      TAONODE_TEST_CHAIN_ENDPOINT: 'ws://127.0.0.1:1234',
      TAONODE_FROM_SOURCE: '1',
    });
    const test = apps.filter((a) => a.name.startsWith('test-'));
    expect(test.map((a) => a.name)).toEqual(['test-miner-1', 'test-miner-2', 'test-validator']);
    for (const app of test) {
      expect(flag(app, '--netuid')).toBe('5');
      expect(flag(app, '--subtensor.chain_endpoint')).toBe('ws://127.0.0.1:1234');
      expect(existsSync(app.script)).toBe(true);
    }
  });
});

describe('apps whose subnet has not landed', () => {
  it('say "not implemented yet" and exit 78 (pm2 leaves them stopped)', () => {
    const lines: string[] = [];
    expect(exitNotImplemented('sn30-miner', 'SN30', (l) => lines.push(l))).toBe(EXIT_CONFIG);
    expect(lines.join('\n')).toMatch(/^sn30-miner: not implemented yet — the SN30 subnet package/);
  });
});
