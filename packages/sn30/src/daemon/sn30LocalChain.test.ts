/**
 * SN30 end to end on the real subtensor runtime (chopsticks): the apps themselves (apps/sn30-miner,
 * apps/sn30-validator) as child processes with the tiny SDXL models on the CPU. An honest miner
 * generates in process; a cheating one answers with random latents. The validator stress-tests both
 * over real HTTP, replays audited steps, and its weights land on chain with the honest miner above
 * the cheater; its user gateway then serves an image from the honest miner, which earns the bonus.
 * Nothing asserts on wall-clock time.
 */
import { readFile, writeFile } from 'node:fs/promises';
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
let gatewayPort: number;
const API_KEY = 'sn30-local-chain-test-key-0123456789';
const uid = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;

beforeAll(async () => {
  // Made once here, so the daemons start from ready files.
  await tinySdxlManifest('plain');
  await chain.start();
  gatewayPort = await freePort('127.0.0.1');
  await writeFile(join(work, 'api-keys.txt'), `app ${API_KEY}\n`);
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
      ...['--sn30.gateway_port', String(gatewayPort), '--sn30.gateway_api_keys', join(work, 'api-keys.txt')],
      ...['--sn30.validation_chance', '1'],
    ],
  });
  daemons.push(...cluster.miners, cluster.validator);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(() => chain.close(), 2 * MINUTE);

describe('SN30 on the local chain', () => {
  it(
    'stress-tests both miners, catches the cheater, weights the honest miner on chain and serves a user image from it',
    async () => {
      const tested = await waitFor(
        'a stress test of each miner and weights for miner1',
        async () => {
          const dead = daemons.find((d) => !d.running);
          if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
          const lines = await readJsonLog(join(work, 'validator.log'));
          const tests = lines.filter((l) => l.msg === 'SN30 stress test');
          // Measured tests: one that failed on a 403 (before the validator's permit) proves nothing.
          const both = [uid('miner1'), uid('miner2')].every((u) =>
            tests.some((t) => t.uid === u && t.outcome === 'measured'),
          );
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
      const honest = tested.find((t) => t.uid === uid('miner1') && t.outcome === 'measured')!;
      const cheat = tested.find((t) => t.uid === uid('miner2') && t.outcome === 'measured')!;
      expect(honest).toMatchObject({ similarity: 1, errorRate: 0, cheater: false });
      expect(honest.rpm as number).toBeGreaterThan(0);
      expect(honest.reward as number).toBeGreaterThan(0);
      // Fast (no model run) but every audited result fails its replay: nothing earned, ever.
      expect(cheat).toMatchObject({ similarity: 0, reward: 0 });
      expect(cheat.rpm as number).toBeGreaterThan(0);
      expect(tested.filter((t) => t.uid === uid('miner2')).every((t) => t.reward === 0)).toBe(true);

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

      // A user request through the gateway: only the honest miner is sampled (the cheater earned
      // nothing), its result is replayed (chance 1), decoded and returned; the success earns the bonus.
      const res = await fetch(`http://127.0.0.1:${gatewayPort}/v1/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          inputs: { prompt: 'a tao lighthouse', width: 64, height: 64, num_inference_steps: 4 },
          format: 'png',
        }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Number(res.headers.get('x-sn30-miner-uid'))).toBe(uid('miner1'));
      const png = new Uint8Array(await res.arrayBuffer());
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      const unauthorised = await fetch(`http://127.0.0.1:${gatewayPort}/v1/generate`, {
        method: 'POST',
        body: '{}',
      });
      expect(unauthorised.status).toBe(401);
      await unauthorised.body?.cancel();
      const bonus = await waitFor(
        "the user success in the validator's metrics (folded in at the next step)",
        async () => {
          const file = join(work, 'state', 'validator', 'validator-state.json');
          const saved = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as {
            scoring?: { state?: { miners?: { userSuccesses: number }[] } };
          };
          const n = saved.scoring?.state?.miners?.[uid('miner1')]?.userSuccesses ?? 0;
          return n > 0 ? n : undefined;
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 1_000 },
      );
      expect(bonus).toBe(1);
    },
    10 * MINUTE,
  );
});
