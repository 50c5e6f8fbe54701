// pm2 process file for every taonode daemon; one row per app of config/subnets.json. Start with:
//   PM2_HOME="$PWD/.pm2" pnpm exec pm2 start ecosystem.config.js            (all apps)
//   PM2_HOME="$PWD/.pm2" pnpm exec pm2 start ecosystem.config.js --only sn2-miner
//
// What each app gets (docs/neuron.md, "pm2"):
// - flags, from the TAONODE_PM2_* variables below, read when pm2 loads this file: TAONODE_PM2_NETWORK
//   (default finney), TAONODE_PM2_WALLET (default), TAONODE_PM2_WALLET_PATH (~/.bittensor/wallets),
//   TAONODE_PM2_NETUID_SN2 / _SN21 / _SN24 / _SN30 (another netuid; testnet SN2 is 118; default the
//   mainnet netuid), TAONODE_PM2_PORT_OFFSET (shifts every axon and metrics port, default 0). The
//   hotkey of each app is its name (sn2-miner, …).
// - every other TAONODE_* and BT_* variable of your shell, as its environment: the daemons' own
//   options (TAONODE_<OPTION>, e.g. TAONODE_SN24_UNSTUFFER=off); config/<app>.json holds the defaults.
//
// Changing them on running apps:
// - `pm2 restart ecosystem.config.js --update-env` re-reads this file: new TAONODE_PM2_* flags AND
//   the new TAONODE_* / BT_* environment reach the apps (a variable you unset keeps its old value).
// - `pm2 restart <app> --update-env` passes your shell's environment but keeps the flags the app
//   was started with (TAONODE_PM2_* changes need the file).
// - `pm2 restart <app>` without --update-env changes nothing.
// TAONODE_PM2_* values are remembered in $PM2_HOME/taonode-ecosystem.json: when a later load finds
// one unset that was set before, it keeps the remembered value and says so, so a new shell cannot
// silently move running apps to another netuid, wallet or network. Set the variable to change it,
// or TAONODE_PM2_RESET=1 to forget them all.
//
// Exit codes pm2 does not restart: 2 (bad flags or config) and 78 (not registered, no such subnet,
// subnet not implemented yet); everything else, a kill -9 or an OOM kill included, is restarted.
// See docs/neuron.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const registry = JSON.parse(readFileSync(join(root, 'config', 'subnets.json'), 'utf8'));
// TAONODE_FROM_SOURCE=1 runs the TypeScript sources through tsx (tests, development) instead of dist/.
const fromSource = env.TAONODE_FROM_SOURCE === '1';
const sourceArgs = ['--conditions=@taonode/source', '--import', 'tsx'];

// The TAONODE_PM2_* values of the last load, so an unset variable cannot silently change a flag.
const memoryFile = join(env.PM2_HOME || join(homedir(), '.pm2'), 'taonode-ecosystem.json');
function readMemory() {
  if (env.TAONODE_PM2_RESET === '1') return {};
  try {
    const saved = JSON.parse(readFileSync(memoryFile, 'utf8'));
    return typeof saved === 'object' && saved !== null ? saved : {};
  } catch {
    return {};
  }
}
const memory = readMemory();
const used = {};
function setting(name, fallback) {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    used[name] = raw;
    return raw;
  }
  if (typeof memory[name] === 'string') {
    used[name] = memory[name];
    console.error(
      `ecosystem.config.js: ${name} is unset; keeping ${JSON.stringify(memory[name])} from the last start ` +
        `(${memoryFile}). Set it to change it, or TAONODE_PM2_RESET=1 for the defaults.`,
    );
    return memory[name];
  }
  return fallback;
}
// A typo here would otherwise start every app on a NaN port or netuid; fail loudly at `pm2 start`.
function intSetting(name, fallback, max) {
  const raw = setting(name, undefined);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not an integer from 0 to ${max}; fix or unset it`);
  }
  return n;
}

const network = setting('TAONODE_PM2_NETWORK', 'finney');
const walletName = setting('TAONODE_PM2_WALLET', 'default');
const walletPath = setting('TAONODE_PM2_WALLET_PATH', '~/.bittensor/wallets');
const portOffset = intSetting('TAONODE_PM2_PORT_OFFSET', 0, 50_000);

// The daemons' own settings (TAONODE_<OPTION>, BT_<OPTION>), passed explicitly so that
// `pm2 restart ecosystem.config.js --update-env` updates them too (pm2 keeps an app's first
// environment otherwise). The TAONODE_PM2_* variables are this file's, not the daemons'.
const passed = Object.fromEntries(
  Object.entries(env).filter(
    ([k, v]) =>
      v !== undefined && (k.startsWith('TAONODE_') || k.startsWith('BT_')) && !k.startsWith('TAONODE_PM2_'),
  ),
);

/** `packages/x/src/y.ts` → the built `packages/x/dist/y.js`, unless running from source. */
const scriptOf = (source) =>
  join(root, fromSource ? source : source.replace('/src/', '/dist/').replace(/\.ts$/, '.js'));

function daemon(name, script, args, metricsPort) {
  return {
    name,
    cwd: root,
    script: scriptOf(script),
    // Explicit, so pm2 does not refuse the .ts entry points on Node < 22.18 (tsx loads them).
    interpreter: 'node',
    node_args: fromSource ? sourceArgs : [],
    args: [...args, '--metrics.port', String(metricsPort)],
    // The daemon stops itself within 8 s of SIGINT/SIGTERM; pm2 waits 10 s before SIGKILL.
    kill_timeout: 10_000,
    // 2 = bad flags/config, 78 = not registered / no such subnet / not implemented: restarting cannot help.
    // Not 0: pm2 records a death by signal (kill -9, the OOM killer) as exit code 0, and such a daemon
    // must come back; `pm2 stop` stops an app whatever its exit code.
    // (No restart delay option on purpose: with one, pm2 shows such an app as "waiting restart".)
    stop_exit_codes: [2, 78],
    max_restarts: 10,
    min_uptime: 10_000,
    merge_logs: true,
    time: false,
    env: { NODE_ENV: 'production', ...passed },
  };
}

const subnetApps = registry.subnets.flatMap((subnet) => {
  if (subnet.netuid === undefined) return [];
  const netuid = String(intSetting(`TAONODE_PM2_NETUID_${subnet.id.toUpperCase()}`, subnet.netuid, 65_535));
  return ['miner', 'validator']
    .filter((role) => subnet[role] !== undefined)
    .map((role) => {
      const app = subnet[role];
      return daemon(
        app.app,
        `apps/${app.app}/src/main.ts`,
        [
          '--netuid',
          netuid,
          '--wallet.name',
          walletName,
          '--wallet.hotkey',
          app.app,
          '--wallet.path',
          walletPath,
          '--subtensor.network',
          network,
          ...(app.axonPort ? ['--axon.port', String(app.axonPort + portOffset)] : []),
        ],
        app.metricsPort + portOffset,
      );
    });
});

// The built-in test subnet (packages/neuron/src/testSubnet), for proving the runtime on a local chain
// before a real subnet lands. Listed only when TAONODE_TEST_NETUID is set, e.g. by `taonode demo --keep`
// or by the pm2 test; it reads its endpoint and wallets from the TAONODE_TEST_* variables below.
const testApps = [];
const testScript = registry.subnets.find((s) => s.id === 'test')?.script;
if (env.TAONODE_TEST_NETUID && testScript) {
  const common = [
    '--netuid',
    env.TAONODE_TEST_NETUID,
    '--wallet.name',
    env.TAONODE_TEST_WALLET ?? 'taonode-test',
    '--wallet.path',
    env.TAONODE_TEST_WALLET_PATH ?? '~/.bittensor/wallets',
    '--subtensor.chain_endpoint',
    env.TAONODE_TEST_CHAIN_ENDPOINT ?? 'ws://127.0.0.1:9944',
  ];
  const stateRoot = env.TAONODE_TEST_STATE_DIR ?? join(root, '.taonode', 'test-subnet');
  const base = Number(env.TAONODE_TEST_PORT_BASE ?? 18090);
  const miners = Number(env.TAONODE_TEST_MINERS ?? 2);
  for (let i = 1; i <= miners; i++) {
    testApps.push(
      daemon(
        `test-miner-${i}`,
        testScript,
        [
          '--role',
          'miner',
          ...common,
          '--wallet.hotkey',
          `miner${i}`,
          '--axon.ip',
          '127.0.0.2',
          '--axon.port',
          String(base + i),
          '--neuron.state_dir',
          join(stateRoot, `miner${i}`),
        ],
        base + 100 + i,
      ),
    );
  }
  testApps.push(
    daemon(
      'test-validator',
      testScript,
      [
        '--role',
        'validator',
        ...common,
        '--wallet.hotkey',
        'validator',
        '--neuron.step_interval',
        '2',
        '--neuron.state_dir',
        join(stateRoot, 'validator'),
      ],
      base + 100,
    ),
  );
}

// Remembered for the next load (see the top of this file); a read-only PM2_HOME only loses the memory.
try {
  if (Object.keys(used).length > 0 || Object.keys(memory).length > 0 || env.TAONODE_PM2_RESET === '1') {
    mkdirSync(dirname(memoryFile), { recursive: true });
    writeFileSync(memoryFile, `${JSON.stringify(used, null, 2)}\n`);
  }
} catch {
  // nothing to remember with
}

// SN30's generators (`taonode sn30 generator`): with TAONODE_PM2_SN30_GENERATORS=<n>, n of them, one per
// GPU (CUDA_VISIBLE_DEVICES=i) on port 8001 + i (+ the offset), and the sn30-miner dispatches to them
// instead of generating in process (docs/sn30.md, "Generator pool"). The model is TAONODE_SN30_MODEL's.
const sn30Generators = intSetting('TAONODE_PM2_SN30_GENERATORS', 0, 64);
const generatorPorts = Array.from({ length: sn30Generators }, (_, i) => 8001 + i + portOffset);
const generatorApps = generatorPorts.map((port, i) => ({
  ...daemon(`sn30-generator-${i}`, 'apps/cli/src/main.ts', [], 0),
  args: ['sn30', 'generator', '--port', String(port), '--model', env.TAONODE_SN30_MODEL || 'sdxl-base-1.0'],
  env: { NODE_ENV: 'production', ...passed, CUDA_VISIBLE_DEVICES: String(i) },
}));
const sn30Miner = subnetApps.find((a) => a.name === 'sn30-miner');
if (sn30Miner && generatorPorts.length > 0) {
  sn30Miner.args.push('--sn30.generators', generatorPorts.map((p) => `http://127.0.0.1:${p}`).join(','));
}

export const apps = [...subnetApps, ...generatorApps, ...testApps];
export default { apps };
