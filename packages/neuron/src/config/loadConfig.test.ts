import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../testing/tempDirs.js';
import { ConfigError } from './configError.js';
import { defineOptions, option } from './defineOptions.js';
import { loadConfig } from './loadConfig.js';
import type { OptionSpec } from './options.js';

const dirs = tempDirs('neuron-config-');
afterAll(() => dirs.cleanup());

const home = '/home/op';
const load = (argv: string[], env: Record<string, string> = {}, extra: OptionSpec[] = []) =>
  loadConfig({ role: 'validator', argv, env, home, extraOptions: extra });

function config(argv: string[], env: Record<string, string> = {}, extra: OptionSpec[] = []) {
  const r = load(argv, env, extra);
  if (r.kind !== 'config') throw new Error('expected a config');
  return r.config;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads bittensor-style flags with defaults for the rest', () => {
    const c = config([
      '--netuid',
      '2',
      '--wallet.name',
      'cold',
      '--wallet.hotkey=hot',
      '--axon.port',
      '9000',
    ]);
    expect(c.netuid).toBe(2);
    expect(c.wallet).toEqual({ name: 'cold', hotkey: 'hot', path: '/home/op/.bittensor/wallets' });
    expect(c.axon.port).toBe(9000);
    expect(c.subtensor.chainEndpoint).toBe('wss://entrypoint-finney.opentensor.ai:443');
    expect(c.neuron.stateDir).toBe('/home/op/.taonode/state/cold/hot/netuid2/validator');
    expect(c.logging.level).toBe('info');
  });

  it('logs pretty only on a terminal unless told otherwise', () => {
    const fmt = (argv: string[], stdoutIsTTY: boolean) => {
      const r = loadConfig({ role: 'miner', argv: ['--netuid', '1', ...argv], env: {}, home, stdoutIsTTY });
      if (r.kind !== 'config') throw new Error('expected a config');
      return r.config.logging.format;
    };
    expect(fmt([], true)).toBe('pretty');
    expect(fmt([], false)).toBe('json');
    expect(fmt(['--logging.format', 'json'], true)).toBe('json');
    expect(fmt(['--logging.format', 'pretty'], false)).toBe('pretty');
  });

  it('lets the endpoint override the network preset and maps test/local', () => {
    expect(config(['--netuid', '1', '--subtensor.network', 'local']).subtensor.chainEndpoint).toBe(
      'ws://127.0.0.1:9944',
    );
    const c = config([
      '--netuid',
      '1',
      '--subtensor.network',
      'test',
      '--subtensor.chain_endpoint',
      'ws://x:1',
    ]);
    expect(c.subtensor.chainEndpoint).toBe('ws://x:1');
  });

  it('takes booleans as bare flags, =false and --no-', () => {
    expect(config(['--netuid', '1', '--logging.debug']).logging.level).toBe('debug');
    expect(config(['--netuid', '1', '--logging.trace', '--logging.debug']).logging.level).toBe('trace');
    expect(
      config(['--netuid', '1', '--blacklist.force_validator_permit=false']).blacklist.forceValidatorPermit,
    ).toBe(false);
    expect(
      config(['--netuid', '1', '--no-blacklist.force_validator_permit']).blacklist.forceValidatorPermit,
    ).toBe(false);
  });

  it('orders sources: flags > env > config file > defaults', () => {
    const dir = dirs.make();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ netuid: 3, wallet: { name: 'file' }, 'axon.port': 7000 }));
    const c = config(['--config', file, '--axon.port', '7001'], {
      BT_WALLET_NAME: 'env',
      TAONODE_NETUID: '4',
    });
    expect(c.netuid).toBe(4);
    expect(c.wallet.name).toBe('env');
    expect(c.axon.port).toBe(7001);
    const d = config([], { TAONODE_CONFIG: file });
    expect(d).toMatchObject({ netuid: 3, wallet: { name: 'file' }, axon: { port: 7000 } });
    // The app's own defaults (config/<app>.json) sit below --config; a missing one is fine.
    const appFile = join(dir, 'app.json');
    writeFileSync(appFile, JSON.stringify({ metrics: { port: 9105 }, axon: { port: 6000 } }));
    const withApp = (appDefaultsFile: string) => {
      const r = loadConfig({ role: 'miner', argv: ['--config', file], env: {}, home, appDefaultsFile });
      if (r.kind !== 'config') throw new Error('expected a config');
      return r.config;
    };
    expect(withApp(appFile)).toMatchObject({ metrics: { port: 9105 }, axon: { port: 7000 } });
    expect(withApp(join(dir, 'missing.json')).metrics.port).toBe(9100);
  });

  it('fails on unknown flags with a suggestion', () => {
    expect(problems(() => load(['--netuid', '1', '--wallet.nmae', 'x']))).toEqual([
      "unknown option '--wallet.nmae' (did you mean --wallet.name?)",
    ]);
    expect(problems(() => load(['--netuid', '1', 'stray']))[0]).toMatch(/unexpected argument 'stray'/);
  });

  it('fails on invalid values naming the flag, the source and the range', () => {
    const p = problems(() => load(['--netuid', '1', '--axon.port', 'abc']));
    expect(p[0]).toBe('--axon.port: expected an integer between 1 and 65535 (from --axon.port, got "abc")');
    const q = problems(() => load(['--netuid', '1'], { TAONODE_NEURON_MOVING_AVERAGE_ALPHA: '2' }));
    expect(q[0]).toMatch(/--neuron.moving_average_alpha: expected a number between 0 and 1 \(from env/);
    const r = problems(() => load(['--netuid', '1', '--subtensor.network', 'mainnet']));
    expect(r[0]).toMatch(/unknown network "mainnet". Use one of finney, test, archive, local/);
    const u = problems(() => load(['--netuid', '1', '--subtensor.chain_endpoint', 'http://x']));
    expect(u[0]).toMatch(/is not a websocket URL/);
  });

  it('requires --netuid', () => {
    expect(problems(() => load([]))[0]).toMatch(/--netuid is required/);
  });

  it('rejects unknown keys in a config file', () => {
    const dir = dirs.make();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ netuid: 3, wallett: { name: 'x' } }));
    expect(problems(() => load(['--config', file]))[0]).toMatch(
      /unknown option 'wallett.name' in config file/,
    );
  });

  it('accepts subnet options and lists everything in --help', () => {
    const extra: OptionSpec[] = [
      { key: 'neuron.modulus', kind: 'integer', default: 7, description: 'Modulus' },
    ];
    expect(config(['--netuid', '1', '--neuron.modulus', '11'], {}, extra).values['neuron.modulus']).toBe(11);
    const help = load(['--help'], {}, extra);
    expect(help.kind).toBe('help');
    if (help.kind === 'help') {
      expect(help.text).toMatch(
        /--neuron\.modulus <integer>\s+Modulus \(default: 7; env: TAONODE_NEURON_MODULUS\)/,
      );
      expect(help.text).toMatch(/--logging\.debug\s/);
      expect(help.text).toMatch(/--neuron\.sample_size <integer>.*default: 16/);
    }
    // Each app lists its own options: the axon and blacklist flags are a miner's.
    const miner = loadConfig({ role: 'miner', argv: ['--help'], env: {}, home });
    expect(miner.kind === 'help' && miner.text).toMatch(/--axon\.port <integer>.*default: 8091/);
    expect(miner.kind === 'help' && miner.text).not.toMatch(/--neuron\.sample_size/);
    expect(help.kind === 'help' && help.text).not.toMatch(/--axon\.port|--blacklist/);
  });

  it("--help shows the app's own defaults (config/<app>.json) and the local-chain stake default", () => {
    const dir = dirs.make();
    const appFile = join(dir, 'sn9-miner.json');
    writeFileSync(appFile, JSON.stringify({ blacklist: { min_stake: 1024 }, metrics: { port: 9109 } }));
    const r = loadConfig({ role: 'miner', argv: ['--help'], env: {}, home, appDefaultsFile: appFile });
    const text = r.kind === 'help' ? r.text : '';
    expect(text).toMatch(/--blacklist\.min_stake <number>\s+.*alpha.*default: 1024 \(0 on a local chain\)/);
    expect(text).toMatch(/--metrics\.port <integer>.*default: 9109/);
    expect(text).toMatch(/--version/);
  });

  it('uses the app default stake threshold on finney and 0 on a local chain, unless the operator set one', () => {
    const dir = dirs.make();
    const appFile = join(dir, 'sn9-miner.json');
    writeFileSync(appFile, JSON.stringify({ blacklist: { min_stake: 1024 } }));
    const stake = (argv: string[], env: Record<string, string> = {}) => {
      const r = loadConfig({
        role: 'miner',
        argv: ['--netuid', '9', ...argv],
        env,
        home,
        appDefaultsFile: appFile,
      });
      if (r.kind !== 'config') throw new Error('expected a config');
      return r.config.blacklist.minStake;
    };
    expect(stake([])).toBe(1024);
    expect(stake(['--subtensor.network', 'local'])).toBe(0);
    expect(stake(['--subtensor.chain_endpoint', 'ws://127.0.0.1:9944'])).toBe(0);
    expect(stake(['--subtensor.network', 'local', '--blacklist.min_stake', '5'])).toBe(5);
    expect(stake(['--subtensor.network', 'local'], { TAONODE_BLACKLIST_MIN_STAKE: '7' })).toBe(7);
  });

  it('takes the Python SDK spellings: --wallet_name, --logging.info, --axon.max_workers, --version', () => {
    const r = load([
      '--netuid',
      '1',
      '--wallet_name',
      'cold',
      '--wallet_hotkey=hot',
      '--subtensor_network',
      'local',
      '--logging.info',
    ]);
    if (r.kind !== 'config') throw new Error('expected a config');
    expect(r.config.wallet).toMatchObject({ name: 'cold', hotkey: 'hot' });
    expect(r.config.subtensor).toMatchObject({ chainEndpoint: 'ws://127.0.0.1:9944', local: true });
    expect(r.config.logging.level).toBe('info');
    const m = loadConfig({
      role: 'miner',
      argv: ['--netuid', '1', '--axon.max_workers', '4', '--logging.logging_dir', '~/logs'],
      env: {},
      home,
    });
    if (m.kind !== 'config') throw new Error('expected a config');
    expect(m.config.axon.maxWorkers).toBe(4);
    expect(m.config.logging.dir).toBe('/home/op/logs');
    expect(load(['--version']).kind).toBe('version');
  });

  it("refuses wallet and hotkey names that are not plain names, and warns about another role's flags", () => {
    expect(problems(() => load(['--netuid', '1', '--wallet.hotkey', 'a/b']))[0]).toMatch(
      /--wallet.hotkey: invalid hotkey name "a\/b"/,
    );
    const r = load(['--netuid', '1', '--blacklist.min_stake', '3']);
    expect(r.kind === 'config' && r.warnings).toEqual([
      '--blacklist.min_stake (from --blacklist.min_stake) does not apply to a validator; ignored',
    ]);
  });

  it('hands a subnet its options typed, converted and checked', () => {
    const options = defineOptions({
      sizes: option.integerList('neuron.sizes', { default: '1,2', min: 1, description: 'Sizes' }),
      dir: option.path('neuron.some_dir', { description: 'A folder' }),
      mode: option.choice('neuron.mode', ['a', 'b'], { default: 'a', description: 'Mode' }),
    });
    const r = loadConfig({
      role: 'miner',
      argv: ['--netuid', '1', '--neuron.some_dir', '~/x'],
      env: {},
      home,
      options,
    });
    if (r.kind !== 'config') throw new Error('expected a config');
    expect(r.options).toEqual({ sizes: [1, 2], dir: '/home/op/x', mode: 'a' });
    expect(
      problems(() =>
        loadConfig({
          role: 'miner',
          argv: ['--netuid', '1', '--neuron.sizes', '1,x'],
          env: {},
          home,
          options,
        }),
      ),
    ).toEqual(['--neuron.sizes: expected comma-separated integers from 1, got "1,x"']);
  });
});
