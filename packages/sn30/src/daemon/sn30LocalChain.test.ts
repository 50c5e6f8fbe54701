/**
 * SN30 end to end on the real subtensor runtime (chopsticks): the apps themselves (apps/sn30-miner,
 * apps/sn30-validator) as child processes with the tiny SDXL models on the CPU. An honest miner
 * generates in process; a cheating one answers with random latents. The validator stress-tests both
 * over real HTTP, replays audited steps, and its weights land on chain with the honest miner above
 * the cheater. Nothing asserts on wall-clock time.
 */
import { join } from 'node:path';
import { getMetagraph } from '@taonode/chain';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const chain = testChain('sn30-chain-');
const { workDir: work, daemons } = chain;
let subnet: ProvisionedSubnet;
const uid = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;

beforeAll(async () => {
  // Made once here, so the daemons start from ready files.
  await tinySdxlManifest('plain');
  await chain.start();
  subnet = await provisionSubnet(chain.client, {
    walletPath: join(work, 'wallets'),
    miners: 2,
    subnet: { tempo: 10 },
  });
  const cluster = neuronCluster({
    subnet,
    endpoint: chain.localnet.url,
    workDir: work,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts: [await freePort('127.0.0.2'), await freePort('127.0.0.2')],
    launch: subnetLaunch('sn30'),
    commonArgs: ['--sn30.model', 'tiny', '--inference.device', 'cpu', '--inference.threads', '1'],
    // miner1 honest, miner2 cheats (random latents).
    minerArgs: (i) => ['--sn30.test_cheater', String(i)],
    validatorArgs: [
      ...['--neuron.step_interval', '1', '--neuron.timeout', '12'],
      ...['--sn30.width', '64', '--sn30.height', '64', '--sn30.steps', '4'],
      ...['--sn30.max_concurrency', '8', '--sn30.request_timeout', '30'],
    ],
  });
  daemons.push(...cluster.miners, cluster.validator);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(() => chain.close(), 2 * MINUTE);

describe('SN30 on the local chain', () => {
  it(
    'the validator stress-tests both miners, catches the cheater, and weights the honest miner on chain',
    async () => {
      const tested = await waitFor(
        'a stress test of each miner and weights for miner1',
        async () => {
          const dead = daemons.find((d) => !d.running);
          if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
          const lines = await readJsonLog(join(work, 'validator.log'));
          const tests = lines.filter((l) => l.msg === 'SN30 stress test');
          const both = [uid('miner1'), uid('miner2')].every((u) => tests.some((t) => t.uid === u));
          const weighted = lines.some(
            (l) =>
              l.msg === 'weights submitted' &&
              (l.uids as number[]).includes(uid('miner1')) &&
              tests.some((t) => t.uid === uid('miner2')),
          );
          return both && weighted ? tests : undefined;
        },
        { timeoutMs: 8 * MINUTE, intervalMs: 2_000 },
      );
      const honest = tested.find((t) => t.uid === uid('miner1'))!;
      const cheat = tested.find((t) => t.uid === uid('miner2'))!;
      expect(honest).toMatchObject({ outcome: 'measured', similarity: 1, errorRate: 0 });
      expect(honest.rpm as number).toBeGreaterThan(0);
      expect(honest.reward as number).toBeGreaterThan(0);
      expect(cheat).toMatchObject({ outcome: 'measured', similarity: 0, reward: 0 });

      const onChain = await waitFor(
        'weights in chain storage that came after both tests',
        async () => {
          const mg = await getMetagraph(chain.client, { netuid: subnet.netuid, weights: true });
          const row = mg.neurons[uid('validator')]!.weights ?? [];
          const w = (u: number) => row.find((x) => x.uid === u)?.weight ?? 0;
          return w(uid('miner1')) > 0 ? { honest: w(uid('miner1')), cheat: w(uid('miner2')) } : undefined;
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 2_000 },
      );
      expect(onChain.honest).toBeGreaterThan(0);
      expect(onChain.cheat).toBe(0);
    },
    10 * MINUTE,
  );
});
