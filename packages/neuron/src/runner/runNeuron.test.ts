import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChainError } from '@taonode/chain';
import { Wallet } from '@taonode/wallet';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import type { OptionSchema } from '../config/defineOptions.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import { tempDirs } from '../testing/tempDirs.js';
import { EXIT_CONFIG, EXIT_USAGE } from './exitCodes.js';
import { pendingSubnet } from './notImplemented.js';
import { runNeuron } from './runNeuron.js';
import type { RuntimePorts } from './runtimePorts.js';

const dirs = tempDirs('neuron-run-');
afterAll(() => dirs.cleanup());

const emptySubnet: NeuronMetagraph = {
  netuid: 2,
  block: 1,
  hotkeys: [],
  stake: [],
  validatorPermit: [],
  axons: [],
  lastUpdate: [],
  tempo: 10,
  weightsRateLimit: 0,
  commitRevealEnabled: false,
  weightsVersion: 0,
};

const chain: ChainPort = {
  subscribeBlocks: async () => () => {},
  blockNumber: async () => 1,
  metagraph: async () => emptySubnet,
  serveAxon: async () => 'unchanged',
  submitWeights: async () => ({ kind: 'skipped', reason: 'test' }),
  isConnected: () => true,
  close: async () => {},
};

const ports: RuntimePorts<string, string, string> = {
  connectChain: async ({ onConnection }) => {
    onConnection(true);
    return chain;
  },
  createAxon: () => ({ axon: 'a', hooks: 'g', start: async () => ({ port: 1 }), stop: async () => {} }),
  createDendrite: () => 'd',
};

const plugin: SubnetPlugin<OptionSchema, string, string, string> = {
  name: 'unit',
  versionKey: 1,
  createMiner: () => ({ attach: () => {} }),
};

async function run(
  argv: string[],
  opts: { plugin?: SubnetPlugin<OptionSchema, string, string, string>; chain?: ChainPort } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNeuron({
    app: 'unit-miner',
    role: 'miner',
    plugin: opts.plugin ?? plugin,
    ports: opts.chain ? { ...ports, connectChain: async () => opts.chain! } : ports,
    argv,
    env: {},
    write: { out: (s) => void out.push(s), err: (s) => void err.push(s) },
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function walletWithHotkey() {
  const path = dirs.make();
  const wallet = new Wallet({ name: 'op', hotkey: 'hot', path });
  const { keypair } = await wallet.createHotkey();
  return { path, keypair };
}

const quiet = (path: string) => [
  '--wallet.name',
  'op',
  '--wallet.hotkey',
  'hot',
  '--wallet.path',
  path,
  '--subtensor.network',
  'local',
  '--metrics.port',
  '0',
  '--logging.format',
  'json',
];

describe('runNeuron', () => {
  it('refuses a public metrics host without a dashboard token (exit 2), and an unusable token file (78)', async () => {
    const { path } = await walletWithHotkey();
    const state = ['--neuron.state_dir', dirs.make()];
    const open = await run(['--netuid', '2', ...quiet(path), ...state, '--metrics.host', '0.0.0.0']);
    expect(open.code).toBe(EXIT_USAGE);
    expect(open.err).toMatch(/--metrics.host 0.0.0.0 makes the dashboard reachable from other machines/);
    expect(open.err).toMatch(/--dashboard.token_file FILE/);
    expect(open.err).toMatch(/--dashboard.enabled false/);
    const off = join(dirs.make(), 'none');
    const missing = await run([
      '--netuid',
      '2',
      ...quiet(path),
      ...state,
      '--metrics.host',
      '0.0.0.0',
      '--dashboard.token_file',
      off,
    ]);
    expect(missing.code).toBe(EXIT_CONFIG);
    expect(missing.err).toMatch(
      /dashboard token file cannot be read \(ENOENT\): --dashboard.token_file .*none/,
    );
  });

  it('exits 2 naming every bad flag before touching wallet or chain', async () => {
    const r = await run(['--netuid', 'two', '--axon.prot', '1']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--axon.prot' \(did you mean --axon.port\?\)/);
    expect(r.err).toMatch(/--netuid: expected an integer/);
    // One line for pm2's error log, pointing at --help instead of printing it.
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/\(see --help\)$/m);
    const name = await run(['--netuid', '2', '--wallet.hotkey', 'a/b']);
    expect(name).toMatchObject({ code: EXIT_USAGE });
    expect(name.err).toMatch(/^unit-miner: --wallet.hotkey: invalid hotkey name "a\/b".*\(see --help\)\n$/);
  });

  it('answers --version and --help without a config, and a pending subnet exits 78', async () => {
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(
      /^unit-miner \d+\.\d+\.\d+ \(taonode; unit weights version 1; bittensor wire protocol \d+\.\d+\.\d+\)\n$/,
    );
    const pending = pendingSubnet('sn99', 'SN99') as unknown as SubnetPlugin<
      OptionSchema,
      string,
      string,
      string
    >;
    const help = await run(['--help'], { plugin: pending });
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/SN99 is not implemented yet: this app exits 78/);
    const r = await run([], { plugin: pending });
    expect(r.code).toBe(EXIT_CONFIG);
    expect(r.err).toMatch(/^unit-miner: not implemented yet — the SN99 subnet package has not landed/);
  });

  it('exits 78 at once when the subnet does not exist (no retrying)', async () => {
    const { path } = await walletWithHotkey();
    const missing: ChainPort = {
      ...chain,
      metagraph: async () => {
        throw new ChainError('SubnetNotExists', 'subnet 77 does not exist');
      },
    };
    const r = await run(['--netuid', '77', ...quiet(path)], { chain: missing });
    expect(r.code).toBe(EXIT_CONFIG);
    expect(r.err).toMatch(/subnet 77 does not exist on ws:\/\/127.0.0.1:9944; check --netuid/);
  });

  it('runs on the hotkey alone and exits 78 naming `taonode subnet register` when unregistered', async () => {
    const { path, keypair } = await walletWithHotkey();
    // A coldkey that is not even a keyfile: a daemon that tried to open it would fail differently.
    await writeFile(join(path, 'op', 'coldkey'), 'not a keyfile');
    const r = await run(['--netuid', '2', ...quiet(path), '--logging.debug', 'false']);
    expect(r.code).toBe(EXIT_CONFIG);
    expect(r.err).toContain(`hotkey ${keypair.ss58Address} is not registered on netuid 2`);
    expect(r.err).toMatch(
      /register it with: taonode subnet register --netuid 2 --wallet.name op --wallet.hotkey hot --subtensor.chain_endpoint ws:\/\/127.0.0.1:9944/,
    );
  });
});
