/**
 * SN21 end to end on the real subtensor runtime (chopsticks), with the apps as real child processes
 * and a local HTTP server speaking the hub's wire format: each miner daemon publishes its tiny model
 * folder (upload through @huggingface/hub, one commit) and commits the pointer on chain; the
 * validator reads the commitments, fetches each model at the committed revision, evaluates it
 * (ONNX only) on the seeded rows against the baseline, and its two-pool weights land on chain.
 * Slow by nature; nothing asserts on wall-clock time.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getMetagraph } from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import {
  neuronCluster,
  type ProvisionedSubnet,
  provisionSubnet,
  readJsonLog,
  STATE_FILE,
  subnetLaunch,
  testChain,
  waitFor,
} from '@taonode/neuron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ModelHubStandIn,
  prepareSn21Demo,
  type Sn21DemoFiles,
  startModelHubStandIn,
} from '../demo/index.js';
import { parseSn21State, stateWeights } from '../scoring/scoreState.js';
import { resolveBurnUid } from '../validator/sn21Scoring.js';
import { RECOMMIT_FILE } from './createSn21Miner.js';

const MINUTE = 60_000;
const TOKEN = 'hf_e2e_token';
const chain = testChain('sn21-chain-');
const { workDir: work, daemons } = chain;
let subnet: ProvisionedSubnet;
let hub: ModelHubStandIn;
let files: Sn21DemoFiles;
let stateDir: (name: string) => string;
const uid = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;
const logOf = (name: string) => join(work, `${name}.log`);

beforeAll(async () => {
  // Models, rows and the tiny text encoder made once here, so the daemons start from ready files.
  files = await prepareSn21Demo(join(work, 'demo'));
  // The demo's stand-in: repos dated an hour back, as a local chain's clock lags the wall clock.
  hub = await startModelHubStandIn({ token: TOKEN });
  const tokenFile = join(work, 'hf_token');
  await writeFile(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
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
    // SN21 miners serve no axon; these flags are accepted and unused.
    axonPorts: [65_001, 65_002],
    launch: subnetLaunch('sn21'),
    commonArgs: ['--sn21.hub_url', hub.url, '--inference.device', 'cpu', '--inference.threads', '1'],
    // miner1 publishes the model that captions the rows well, miner2 the one that emits noise.
    minerArgs: (i) => [
      ...['--sn21.model_dir', files.minerModels[i]!, '--sn21.repo', `e2e/miner${i + 1}`],
      ...['--sn21.hf_token_file', tokenFile, '--sn21.check_interval', '3'],
    ],
    validatorArgs: [
      ...['--neuron.step_interval', '1'],
      ...['--sn21.dataset_dir', files.datasetDir, '--sn21.baseline_dir', files.baselineModel],
      ...['--sn21.test_models', '--sn21.time_limit', '300', '--sn21.round_blocks', '100000'],
    ],
  });
  stateDir = cluster.stateDir;
  daemons.push(...cluster.miners, cluster.validator);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(async () => {
  await chain.close();
  await hub?.close();
}, 2 * MINUTE);

describe('SN21 on the local chain', () => {
  it(
    'miners publish and commit, the validator evaluates both models, and its two-pool weights land on chain',
    async () => {
      const alive = () => {
        const dead = daemons.find((d) => !d.running);
        if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
      };
      // Each miner: published, committed, and its check of the pointer says ok.
      for (const m of ['miner1', 'miner2']) {
        await waitFor(
          `${m}'s commitment checked ok`,
          async () => {
            alive();
            const lines = await readJsonLog(logOf(m));
            return (
              lines.some((l) => l.msg === 'SN21 miner: commitment checked' && l.state === 'ok') || undefined
            );
          },
          { timeoutMs: 4 * MINUTE, intervalMs: 2_000 },
        );
      }
      const minerLog = await readJsonLog(logOf('miner1'));
      expect(minerLog.some((l) => l.msg === 'SN21 miner: model published')).toBe(true);
      const onChain = minerLog.find((l) => l.msg === 'SN21 miner: commitment checked')!;
      expect(onChain.commitment).toMatch(/^e2e:miner1:0:[0-9a-f]{40}:\d+:o1$/);
      // The miner's /healthz carries the commitment's state.
      const port = minerLog.find((l) => l.msg === 'health and metrics listening')!.port as number;
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        ok: boolean;
        figures: Record<string, unknown>;
      };
      expect(health).toMatchObject({
        ok: true,
        figures: { sn21_commitment: 'ok', sn21_commitment_ok: true },
      });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/taonode_plugin_figure\{name="sn21_commitment_ok"[^}]*\} 1/);

      // The validator scores both models and sets weights that include the good one.
      const lines = await waitFor(
        'both models scored, then weights submitted',
        async () => {
          alive();
          const all = await readJsonLog(logOf('validator'));
          const scored = new Set(all.filter((l) => l.msg === 'SN21 model scored').map((l) => l.uid));
          if (!scored.has(uid('miner1')) || !scored.has(uid('miner2'))) return undefined;
          // Weights sent after both models had their scores.
          const last = all.findLastIndex((l) => l.msg === 'SN21 model scored');
          const weighted = all
            .slice(last)
            .some((l) => l.msg === 'weights submitted' && (l.uids as number[]).includes(uid('miner1')));
          return weighted ? all : undefined;
        },
        { timeoutMs: 6 * MINUTE, intervalMs: 3_000 },
      );
      const score = (name: string) =>
        lines.find((l) => l.msg === 'SN21 model scored' && l.uid === uid(name))!.score as number;
      const baseline = lines.find((l) => l.msg === 'SN21 model scored')!.baseline as number;
      expect(score('miner1')).toBeGreaterThan(baseline);
      expect(score('miner2')).toBeLessThan(baseline);

      // What landed on chain is what the two-pool rule makes of the validator's saved state.
      const row = await waitFor(
        'the weights in chain storage',
        async () => {
          const mg = await getMetagraph(chain.client, { netuid: subnet.netuid, weights: true });
          const w = mg.neurons[uid('validator')]!.weights ?? [];
          return w.length > 0 ? { w, hotkeys: mg.neurons.map((n) => n.hotkey) } : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 2_000 },
      );
      const saved = JSON.parse(await readFile(join(stateDir('validator'), STATE_FILE), 'utf8')) as {
        plugin: { sn21: unknown };
      };
      const state = parseSn21State(saved.plugin.sn21);
      const expected = stateWeights(state, row.hotkeys.length, {
        burnUid: resolveBurnUid(undefined, { hotkeys: row.hotkeys }),
      });
      const got = new Float64Array(row.hotkeys.length);
      for (const e of row.w) got[e.uid] = e.weight;
      for (let u = 0; u < got.length; u++) expect(got[u]).toBeCloseTo(expected[u]!, 3);
      expect(got[uid('miner1')]).toBeGreaterThanOrEqual(0.75 - 1e-3);

      // The validator's /healthz uses SN21's step budget (long evaluations are not "stale").
      const vPort = lines.find((l) => l.msg === 'health and metrics listening')!.port as number;
      const vHealth = (await (await fetch(`http://127.0.0.1:${vPort}/healthz`)).json()) as Record<
        string,
        unknown
      >;
      expect(vHealth).toMatchObject({ ok: true, stepBudgetSeconds: 4 * 3600 });

      // Asked to re-commit (the file in its state folder), miner1 commits again or, inside the
      // chain's rate limit, logs the refusal and retries later; either way it keeps running.
      await writeFile(join(stateDir('miner1'), RECOMMIT_FILE), '');
      await waitFor(
        'miner1 acting on the re-commit request',
        async () => {
          alive();
          const l = await readJsonLog(logOf('miner1'));
          const at = l.findIndex((x) => x.msg === 'SN21 miner: re-commit requested');
          if (at < 0) return undefined;
          return (
            l
              .slice(at)
              .some(
                (x) =>
                  x.msg === 'SN21 miner: commitment on chain' ||
                  x.msg === 'SN21 miner: the chain refused the commitment; trying again later',
              ) || undefined
          );
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 1_000 },
      );
    },
    12 * MINUTE,
  );
});
