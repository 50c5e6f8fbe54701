import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Wallet } from '@taonode/wallet';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import { tempDirs } from '../testing/tempDirs.js';
import { EXIT_CONFIG, EXIT_USAGE } from './exitCodes.js';
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

const plugin: SubnetPlugin<string, unknown, string, string> = {
  name: 'unit',
  versionKey: 1,
  createMiner: () => ({ attach: () => {} }),
};

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNeuron({
    app: 'unit-miner',
    role: 'miner',
    plugin,
    ports,
    argv,
    env: {},
    write: { out: (s) => void out.push(s), err: (s) => void err.push(s) },
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('runNeuron', () => {
  it('exits 2 naming every bad flag before touching wallet or chain', async () => {
    const r = await run(['--netuid', 'two', '--axon.prot', '1']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--axon.prot' \(did you mean --axon.port\?\)/);
    expect(r.err).toMatch(/--netuid: expected an integer/);
  });

  it('runs on the hotkey alone and exits 78 naming `taonode subnet register` when unregistered', async () => {
    const path = dirs.make();
    const wallet = new Wallet({ name: 'op', hotkey: 'hot', path });
    const { keypair } = await wallet.createHotkey();
    // A coldkey that is not even a keyfile: a daemon that tried to open it would fail differently.
    await writeFile(join(path, 'op', 'coldkey'), 'not a keyfile');
    const r = await run([
      '--netuid',
      '2',
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
      '--logging.debug',
      'false',
    ]);
    expect(r.code).toBe(EXIT_CONFIG);
    expect(r.err).toContain(`hotkey ${keypair.ss58Address} is not registered on netuid 2`);
    expect(r.err).toMatch(
      /register it with: taonode subnet register --netuid 2 --wallet.name op --wallet.hotkey hot --subtensor.chain_endpoint ws:\/\/127.0.0.1:9944/,
    );
  });
});
