// pm2 process file for every taonode daemon. Start with:
//   PM2_HOME="$PWD/.pm2" pnpm exec pm2 start ecosystem.config.js            (all apps)
//   PM2_HOME="$PWD/.pm2" pnpm exec pm2 start ecosystem.config.js --only sn2-miner
// Edit the flags below (or set the env vars they read) the way you would pass them to a Python neuron.
// TAONODE_PM2_NETUID_SN2 / _SN21 / _SN24 / _SN30 run a subnet at another netuid (testnet: SN2 is 118);
// the defaults are the mainnet netuids. TAONODE_PM2_PORT_OFFSET (default 0) shifts every axon and
// metrics port below, e.g. to run a second set beside the first. Any other option goes through the
// daemons' own env vars (TAONODE_<OPTION>, e.g. TAONODE_SN24_UNSTUFFER=off) or config/<app>.json.
// Apps whose subnet is not implemented yet print "not implemented yet" and exit 78; pm2 leaves them
// stopped instead of restarting them in a loop (stop_exit_codes). See docs/neuron.md.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const env = process.env;
// TAONODE_FROM_SOURCE=1 runs the TypeScript sources through tsx (tests, development) instead of dist/.
const fromSource = env.TAONODE_FROM_SOURCE === '1';
const sourceArgs = ['--conditions=@taonode/source', '--import', 'tsx'];

const network = env.TAONODE_PM2_NETWORK ?? 'finney';
const walletName = env.TAONODE_PM2_WALLET ?? 'default';
const walletPath = env.TAONODE_PM2_WALLET_PATH ?? '~/.bittensor/wallets';
// A typo here would otherwise start every app on a NaN port or netuid; fail loudly at `pm2 start`.
function intFromEnv(name, fallback, max) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not an integer from 0 to ${max}; fix or unset it`);
  }
  return n;
}
const portOffset = intFromEnv('TAONODE_PM2_PORT_OFFSET', 0, 50_000);
const netuidOf = (mainnet) => String(intFromEnv(`TAONODE_PM2_NETUID_SN${mainnet}`, mainnet, 65_535));

// entry: the package folder and the path of main inside src/ (or dist/ once built).
function daemon(name, [pkg, main], args, metricsPort) {
  return {
    name,
    cwd: root,
    script: join(root, pkg, fromSource ? `src/${main}.ts` : `dist/${main}.js`),
    // Explicit, so pm2 does not refuse the .ts entry points on Node < 22.18 (tsx loads them).
    interpreter: 'node',
    node_args: fromSource ? sourceArgs : [],
    args: [...args, '--metrics.port', String(metricsPort)],
    // The daemon stops itself within 8 s of SIGINT/SIGTERM; pm2 waits 10 s before SIGKILL.
    kill_timeout: 10_000,
    // 2 = bad flags/config, 78 = not registered / not implemented: restarting cannot help.
    // (No restart delay option on purpose: with one, pm2 shows such an app as "waiting restart".)
    stop_exit_codes: [0, 2, 78],
    max_restarts: 10,
    min_uptime: 10_000,
    merge_logs: true,
    time: false,
    env: { NODE_ENV: 'production' },
  };
}

const subnetApps = [
  // name, mainnet netuid, axon port (miners), metrics port
  ['sn2-miner', 2, 8091, 9101],
  ['sn2-validator', 2, 0, 9102],
  ['sn21-miner', 21, 8092, 9103],
  ['sn21-validator', 21, 0, 9104],
  ['sn24-miner', 24, 8093, 9105],
  ['sn24-validator', 24, 0, 9106],
  ['sn30-miner', 30, 8094, 9107],
  ['sn30-validator', 30, 0, 9108],
].map(([name, netuid, axonPort, metricsPort]) =>
  daemon(
    name,
    [`apps/${name}`, 'main'],
    [
      '--netuid',
      netuidOf(netuid),
      '--wallet.name',
      walletName,
      '--wallet.hotkey',
      name,
      '--wallet.path',
      walletPath,
      '--subtensor.network',
      network,
      ...(axonPort ? ['--axon.port', String(axonPort + portOffset)] : []),
    ],
    metricsPort + portOffset,
  ),
);

// The built-in test subnet (packages/neuron/src/testSubnet), for proving the runtime on a local chain
// before a real subnet lands. Listed only when TAONODE_TEST_NETUID is set, e.g. by `taonode demo --keep`
// or by the pm2 test; it reads its endpoint and wallets from the TAONODE_TEST_* variables below.
const testApps = [];
if (env.TAONODE_TEST_NETUID) {
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
        ['packages/neuron', 'testSubnet/main'],
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
      ['packages/neuron', 'testSubnet/main'],
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

export const apps = [...subnetApps, ...testApps];
export default { apps };
