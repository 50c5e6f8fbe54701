/**
 * SN2 end to end on the real subtensor runtime (chopsticks): a registered miner proves, the
 * validator verifies in process and sets weights on chain; a second miner that tampers with its
 * outputs is scored unverified and gets no weight. Daemons are real child processes. Slow by
 * nature (several minutes on 2 busy cores); nothing asserts on wall-clock time.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChainClient,
  connect,
  findRepoRoot,
  getMetagraph,
  type Localnet,
  startLocalnet,
} from '@taonode/chain';
import {
  DaemonProcess,
  freePort,
  type ProvisionedSubnet,
  provisionSubnet,
  readJsonLog,
  waitFor,
} from '@taonode/neuron';
import { createDendrite } from '@taonode/transport';
import { Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import { Sn2QueryForCapacities } from '../synapses.js';
import { buildCircuit } from '../zk/buildCircuit.js';
import { testPtauSource } from '../zk/ptau.js';
import { sn2NeuronEntry } from './entry.js';

const MINUTE = 60_000;
const CIRCUITS = 'pow-2,mlp';
const workDir = mkdtempSync(join(tmpdir(), 'sn2-chain-'));
let localnet: Localnet;
let client: ChainClient;
let subnet: ProvisionedSubnet;
const daemons: DaemonProcess[] = [];
const uidOf = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;
const log = (name: string) => join(workDir, `${name}.log`);

function daemon(name: string, args: string[]): DaemonProcess {
  const entry = sn2NeuronEntry();
  return new DaemonProcess({
    name,
    script: entry.script,
    execArgv: entry.execArgv,
    cwd: findRepoRoot() ?? process.cwd(),
    logFile: log(name),
    args: [
      ...args,
      '--netuid',
      String(subnet.netuid),
      '--wallet.name',
      subnet.walletName,
      '--wallet.path',
      subnet.walletPath,
      '--wallet.hotkey',
      name,
      '--subtensor.chain_endpoint',
      localnet.url,
      '--metrics.port',
      '0',
      '--logging.format',
      'json',
      '--neuron.metagraph_refresh_blocks',
      '2',
      '--neuron.state_dir',
      join(workDir, 'state', name),
      '--neuron.circuits',
      CIRCUITS,
    ],
  });
}

beforeAll(async () => {
  // Built (or found in the cache) once here, so the three daemons start from the cache.
  for (const def of [powCircuit(2), mlpCircuit()]) await buildCircuit(def, { ptau: testPtauSource() });
  localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
  client = await connect({ chainEndpoint: localnet.url });
  subnet = await provisionSubnet(client, {
    walletPath: join(workDir, 'wallets'),
    miners: 2,
    subnet: { tempo: 10 },
  });
  // Local stakes are far below the reference's 1024; the permit and registration checks stay on.
  const minerArgs = async (extra: string[]) => [
    '--role',
    'miner',
    '--axon.ip',
    '127.0.0.2',
    '--axon.port',
    String(await freePort('127.0.0.2')),
    '--blacklist.min_stake',
    '0',
    ...extra,
  ];
  daemons.push(daemon('miner1', await minerArgs([])));
  daemons.push(daemon('miner2', await minerArgs(['--neuron.test_tamper_outputs'])));
  daemons.push(
    daemon('validator', [
      '--role',
      'validator',
      '--neuron.step_interval',
      '0.5',
      '--neuron.timeout',
      '30',
      '--neuron.moving_average_alpha',
      '0.4',
    ]),
  );
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  await client?.close();
  await localnet?.close();
  await rm(workDir, { recursive: true, force: true });
}, 2 * MINUTE);

describe('SN2 on the local chain', () => {
  it(
    'the honest miner is verified and weighted on chain; the tampering miner is not',
    async () => {
      // Both must show up: weights for the honest miner, and a tampered proof refused (the
      // tampering miner may post its axon a few blocks after the honest one).
      const lines = await waitFor(
        'SN2 weights for miner1 and a refused proof from miner2',
        async () => {
          const dead = daemons.find((d) => !d.running);
          if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
          const all = await readJsonLog(log('validator'));
          const weighted = all.some(
            (l) => l.msg === 'weights submitted' && (l.uids as number[]).includes(uidOf('miner1')),
          );
          const refused = all.some(
            (l) =>
              l.msg === 'SN2 answer unverified' && l.uid === uidOf('miner2') && l.reason === 'invalid_proof',
          );
          return weighted && refused ? all : undefined;
        },
        { timeoutMs: 8 * MINUTE, intervalMs: 2_000 },
      );
      const verified = lines.filter((l) => l.msg === 'SN2 proof verified');
      expect(verified.length).toBeGreaterThan(0);
      expect(verified.every((l) => l.uid === uidOf('miner1'))).toBe(true);
      expect(verified[0]!.responseTime).toBeGreaterThan(0);
      const submitted = lines.filter((l) => l.msg === 'weights submitted');
      for (const w of submitted) expect(w.uids).not.toContain(uidOf('miner2'));
      const onChain = await waitFor(
        'the weights in chain storage',
        async () => {
          const mg = await getMetagraph(client, { netuid: subnet.netuid, weights: true });
          const rows = mg.neurons[uidOf('validator')]!.weights ?? [];
          return rows.length > 0 ? rows : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 2_000 },
      );
      expect(onChain.map((w) => w.uid)).toContain(uidOf('miner1'));
      expect(onChain.find((w) => w.uid === uidOf('miner2'))?.weight ?? 0).toBe(0);
    },
    10 * MINUTE,
  );

  it(
    'answers QueryForCapacities for a validator and blacklists an unregistered caller',
    async () => {
      const wallet = new Wallet({ name: subnet.walletName, path: subnet.walletPath });
      const mg = await getMetagraph(client, { netuid: subnet.netuid });
      const axon = mg.neurons[uidOf('miner1')]!.axon;
      const target = { ip: axon.ip, port: axon.port, hotkey: mg.neurons[uidOf('miner1')]!.hotkey };
      const validator = createDendrite({ signer: await wallet.getHotkey({ hotkey: 'validator' }) });
      const stranger = createDendrite({
        signer: (await wallet.createHotkey({ hotkey: 'stranger' })).keypair,
      });
      try {
        const ok = await validator.call(target, Sn2QueryForCapacities.create({}), { timeout: 20 });
        expect(ok.dendrite.status_code).toBe(200);
        expect(Object.values(ok.capacities ?? {})).toEqual([400, 400]);
        const no = await stranger.call(target, Sn2QueryForCapacities.create({}), { timeout: 20 });
        expect(no.dendrite.status_code).toBe(403);
        expect(no.capacities).toBeNull();
      } finally {
        await validator.close();
        await stranger.close();
      }
    },
    2 * MINUTE,
  );
});
