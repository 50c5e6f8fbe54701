/**
 * SN2 end to end on the real subtensor runtime (chopsticks): a registered miner proves, the
 * validator verifies in process and sets weights on chain; a second miner that tampers with its
 * outputs is scored unverified and gets no weight. Daemons are real child processes. Slow by
 * nature (several minutes on 2 busy cores); nothing asserts on wall-clock time.
 */
import { join } from 'node:path';
import { getMetagraph } from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import {
  freePort,
  neuronCluster,
  type ProvisionedSubnet,
  provisionSubnet,
  readJsonLog,
  subnetLaunch,
  testChain,
  waitFor,
} from '@taonode/neuron';
import { createDendrite } from '@taonode/transport';
import { Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import { blocksUntilNextEpoch } from '../scoring/weightWindow.js';
import { Sn2QueryForCapacities } from '../synapses.js';
import { buildCircuit } from '../zk/buildCircuit.js';
import { testPtauSource } from '../zk/ptau.js';

const MINUTE = 60_000;
const CIRCUITS = 'pow-2,mlp';
const chain = testChain('sn2-chain-');
const { workDir, daemons } = chain;
let subnet: ProvisionedSubnet;
const uidOf = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;
const log = (name: string) => join(workDir, `${name}.log`);

beforeAll(async () => {
  // Built (or found in the cache) once here, so the three daemons start from the cache.
  for (const def of [powCircuit(2), mlpCircuit()]) await buildCircuit(def, { ptau: testPtauSource() });
  await chain.start();
  subnet = await provisionSubnet(chain.client, {
    walletPath: join(workDir, 'wallets'),
    miners: 2,
    subnet: { tempo: 10 },
  });
  const { validator, miners } = neuronCluster({
    subnet,
    endpoint: chain.localnet.url,
    workDir,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts: [await freePort('127.0.0.2'), await freePort('127.0.0.2')],
    // The apps themselves (apps/sn2-miner, apps/sn2-validator), as pm2 runs them.
    launch: subnetLaunch('sn2'),
    commonArgs: ['--neuron.circuits', CIRCUITS],
    // config/sn2-miner.json's 1024-alpha stake threshold is 0 on a local chain (the permit and
    // registration checks stay on). miner2 tampers with its outputs.
    minerArgs: (i) => (i === 1 ? ['--neuron.test_tamper_outputs'] : []),
    // Tempo 10: one update per tempo, in the last 6 blocks before the epoch boundary (§4.5 scaled down).
    validatorArgs: [
      '--neuron.weights_update_buffer',
      '6',
      '--neuron.step_interval',
      '0.5',
      '--neuron.timeout',
      '30',
      '--neuron.moving_average_alpha',
      '0.4',
      '--neuron.weights_rate_limit',
      '10',
    ],
  });
  daemons.push(...miners, validator);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(() => chain.close(), 2 * MINUTE);

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
      for (const w of submitted) {
        expect(w.uids).not.toContain(uidOf('miner2'));
        expect(blocksUntilNextEpoch(w.decidedAt as number, subnet.netuid, 10)).toBeLessThanOrEqual(6);
      }
      const { rows: onChain, ownerUid } = await waitFor(
        'the weights in chain storage',
        async () => {
          const mg = await getMetagraph(chain.client, { netuid: subnet.netuid, weights: true });
          const rows = mg.neurons[uidOf('validator')]!.weights ?? [];
          const owner = mg.neurons.find((n) => n.hotkey === mg.ownerHotkey)?.uid;
          return rows.length > 0 ? { rows, ownerUid: owner } : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 2_000 },
      );
      expect(onChain.map((w) => w.uid)).toContain(uidOf('miner1'));
      expect(onChain.find((w) => w.uid === uidOf('miner2'))?.weight ?? 0).toBe(0);
      // The reference's owner burn (§4.5): 0.8 to the owner's uid, miner weights scaled by 0.2.
      expect(ownerUid).toBeDefined();
      expect(onChain.find((w) => w.uid === ownerUid)?.weight ?? 0).toBeGreaterThanOrEqual(0.79);
    },
    10 * MINUTE,
  );

  it(
    'answers QueryForCapacities for a validator and blacklists an unregistered caller',
    async () => {
      const wallet = new Wallet({ name: subnet.walletName, path: subnet.walletPath });
      const mg = await getMetagraph(chain.client, { netuid: subnet.netuid });
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
