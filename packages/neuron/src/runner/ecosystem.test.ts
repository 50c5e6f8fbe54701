import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSubnetRegistry } from '../registry/subnetRegistry.js';
import { EXIT_CONFIG, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { exitNotImplemented } from './notImplemented.js';

interface Pm2App {
  name: string;
  script: string;
  args: string[];
  kill_timeout: number;
  stop_exit_codes: number[];
  env: Record<string, string>;
}

const root = findRepoRoot() ?? process.cwd();
// The file remembers TAONODE_PM2_* values under PM2_HOME: a private one per test, never ~/.pm2.
let pm2Home = '';

async function loadApps(env: Record<string, string>): Promise<Pm2App[]> {
  vi.stubEnv('PM2_HOME', pm2Home);
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  const mod = (await import(join(root, 'ecosystem.config.js'))) as { default: { apps: Pm2App[] } };
  return mod.default.apps;
}

const flag = (app: Pm2App, name: string) => {
  const i = app.args.indexOf(name);
  return i === -1 ? undefined : app.args[i + 1];
};

beforeEach(() => {
  pm2Home = mkdtempSync(join(tmpdir(), 'taonode-eco-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(pm2Home, { recursive: true, force: true });
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
      // 2 and 78 are final; 0 is not, since pm2 records a kill -9 or an OOM kill as exit code 0.
      expect(app.stop_exit_codes).toEqual([EXIT_USAGE, EXIT_CONFIG]);
      expect(app.stop_exit_codes).not.toContain(EXIT_OK);
    }
    expect(ports.size).toBe(8);
  });

  it('adds one SN30 generator per GPU when asked, and points the SN30 miner at them', async () => {
    const apps = await loadApps({
      TAONODE_TEST_NETUID: '',
      TAONODE_PM2_SN30_GENERATORS: '2',
      TAONODE_PM2_PORT_OFFSET: '10',
    });
    const generators = apps.filter((a) => a.name.startsWith('sn30-generator-'));
    expect(generators.map((g) => [g.args.slice(0, 4), g.env.CUDA_VISIBLE_DEVICES])).toEqual([
      [['sn30', 'generator', '--port', '8011'], '0'],
      [['sn30', 'generator', '--port', '8012'], '1'],
    ]);
    expect(generators[0]!.script).toBe(join(root, 'apps', 'cli', 'dist', 'main.js'));
    expect(generators[0]!.stop_exit_codes).toEqual([EXIT_USAGE, EXIT_CONFIG]);
    const miner = apps.find((a) => a.name === 'sn30-miner')!;
    expect(flag(miner, '--sn30.generators')).toBe('http://127.0.0.1:8011,http://127.0.0.1:8012');
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

  it("passes the daemons' own TAONODE_*/BT_* settings as the apps' environment (restart --update-env updates them)", async () => {
    const apps = await loadApps({
      TAONODE_TEST_NETUID: '',
      TAONODE_SN24_UNSTUFFER: 'off',
      BT_WALLET_PATH: '/w',
      TAONODE_PM2_WALLET: 'op',
    });
    for (const app of apps) {
      expect(app.env).toMatchObject({
        NODE_ENV: 'production',
        TAONODE_SN24_UNSTUFFER: 'off',
        BT_WALLET_PATH: '/w',
      });
      expect(app.env.TAONODE_PM2_WALLET).toBeUndefined();
      expect(flag(app, '--wallet.name')).toBe('op');
    }
  });

  it('keeps a netuid set at the last start when the variable is unset later, and says so', async () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const first = await loadApps({ TAONODE_TEST_NETUID: '', TAONODE_PM2_NETUID_SN24: '5' });
      expect(flag(first.find((a) => a.name === 'sn24-miner')!, '--netuid')).toBe('5');
      expect(JSON.parse(readFileSync(join(pm2Home, 'taonode-ecosystem.json'), 'utf8'))).toEqual({
        TAONODE_PM2_NETUID_SN24: '5',
      });
      vi.unstubAllEnvs();
      const later = await loadApps({ TAONODE_TEST_NETUID: '' });
      expect(flag(later.find((a) => a.name === 'sn24-validator')!, '--netuid')).toBe('5');
      expect(String(warn.mock.calls.at(-1)?.[0])).toMatch(/TAONODE_PM2_NETUID_SN24 is unset; keeping "5"/);
      vi.unstubAllEnvs();
      const reset = await loadApps({ TAONODE_TEST_NETUID: '', TAONODE_PM2_RESET: '1' });
      expect(flag(reset.find((a) => a.name === 'sn24-miner')!, '--netuid')).toBe('24');
      vi.unstubAllEnvs();
      const after = await loadApps({ TAONODE_TEST_NETUID: '' });
      expect(flag(after.find((a) => a.name === 'sn24-miner')!, '--netuid')).toBe('24');
    } finally {
      warn.mockRestore();
    }
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

describe('the registry of subnets (config/subnets.json)', () => {
  it('names an app folder, a config file and distinct ports for every app, and a script for the rest', () => {
    const registry = loadSubnetRegistry(root);
    const ports = new Set<number>();
    for (const subnet of registry.subnets) {
      for (const role of ['miner', 'validator'] as const) {
        const app = subnet[role];
        if (!app) {
          expect(subnet.script, `${subnet.id} ${role}`).toBeDefined();
          continue;
        }
        expect(existsSync(join(root, 'apps', app.app, 'src', 'main.ts')), app.app).toBe(true);
        expect(existsSync(join(root, 'config', `${app.app}.json`)), app.app).toBe(true);
        for (const port of [app.metricsPort, app.axonPort]) {
          if (port === undefined) continue;
          expect(ports.has(port), `${app.app} port ${port}`).toBe(false);
          ports.add(port);
        }
        if (role === 'validator') expect(app.axonPort).toBeUndefined();
      }
      if (subnet.demo?.prepare) expect(existsSync(join(root, subnet.demo.prepare.script))).toBe(true);
      if (subnet.script) expect(existsSync(join(root, subnet.script))).toBe(true);
    }
    expect(registry.subnets.filter((s) => s.implemented && s.demo).map((s) => s.id)).toEqual([
      'test',
      'sn2',
      'sn21',
      'sn24',
      'sn30',
    ]);
  });
});

describe('apps whose subnet has not landed', () => {
  it('say "not implemented yet" and exit 78 (pm2 leaves them stopped)', () => {
    const lines: string[] = [];
    expect(exitNotImplemented('sn21-miner', 'SN21', (l) => lines.push(l))).toBe(EXIT_CONFIG);
    expect(lines.join('\n')).toMatch(/^sn21-miner: not implemented yet — the SN21 subnet package/);
  });
});
