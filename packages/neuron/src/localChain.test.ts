/**
 * The daemons against the real subtensor runtime (chopsticks) as real child processes: weights,
 * kill -9 mid-step, a 30 s chain outage, SIGINT/SIGTERM, then the same neurons under pm2 with
 * ecosystem.config.js. One chain for the whole file; the tests run in order and share it. Slow by nature (~6–9 min on 2 busy cores): every wait is generous and nothing
 * asserts on wall-clock time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainClient, connect, getMetagraph, type Localnet, startLocalnet } from '@taonode/chain';
import { findRepoRoot, sleep } from '@taonode/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValidatorState } from './state/stateFile.js';
import { healthOf, reconnectedAfter } from './testing/daemonLog.js';
import type { DaemonProcess } from './testing/daemonProcess.js';
import { freePort } from './testing/freePort.js';
import { neuronCluster } from './testing/neuronCluster.js';
import { OutageProxy } from './testing/outageProxy.js';
import { pm2List, runPm2 } from './testing/pm2.js';
import { type ProvisionedSubnet, provisionSubnet } from './testing/provisionSubnet.js';
import { readJsonLog } from './testing/readJsonLog.js';
import { waitFor } from './testing/waitFor.js';
import { weightsSetBlocks } from './testing/weightsSetBlocks.js';

const MINUTE = 60_000;
let localnet: Localnet;
let client: ChainClient;
let proxy: OutageProxy;
let subnet: ProvisionedSubnet;
let validator: DaemonProcess;
let miners: DaemonProcess[];
let stateDir: (name: string) => string;
/** First block of the crash test: every WeightsSet from here on is checked for duplicates. */
let watchFromBlock = 0;
const TEMPO = 10;
const workDir = mkdtempSync(join(tmpdir(), 'neuron-reliability-'));

async function lastUpdateOf(uid: number): Promise<number> {
  const mg = await getMetagraph(client, { netuid: subnet.netuid });
  return mg.neurons[uid]?.lastUpdate ?? 0;
}

const validatorUid = () => subnet.neurons.find((n) => n.role === 'validator')!.uid;

beforeAll(async () => {
  localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
  client = await connect({ chainEndpoint: localnet.url });
  proxy = new OutageProxy('127.0.0.1', localnet.port);
  await proxy.start();
  subnet = await provisionSubnet(client, {
    walletPath: join(workDir, 'wallets'),
    miners: 2,
    subnet: { tempo: TEMPO },
  });
  const axonPorts = [await freePort('127.0.0.2'), await freePort('127.0.0.2')];
  ({ validator, miners, stateDir } = neuronCluster({
    subnet,
    endpoint: proxy.url,
    workDir,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts,
    // A 1 s slow miner keeps each validator step in flight long enough for the crash test to kill
    // the validator provably inside one; debug logs mark where each step starts.
    minerDelayMs: 1_000,
    validatorArgs: ['--logging.debug'],
  }));
  for (const d of [...miners, validator]) d.start();
}, 5 * MINUTE);

const repoRoot = findRepoRoot() ?? process.cwd();
const pm2Env: NodeJS.ProcessEnv = { PM2_HOME: join(workDir, '.pm2') };

afterAll(async () => {
  await runPm2(repoRoot, ['kill'], pm2Env).catch(() => undefined);
  await Promise.all([validator, ...miners].filter(Boolean).map((d) => d.stop()));
  await proxy?.stop();
  await client?.close();
  await localnet?.close();
  await rm(workDir, { recursive: true, force: true });
}, 2 * MINUTE);

describe('daemons on a local chain', () => {
  it(
    'sets weights for both miners, the faster one higher',
    async () => {
      const uid = validatorUid();
      const minerUids = subnet.neurons.filter((n) => n.role === 'miner').map((n) => n.uid);
      const weights = await waitFor(
        'weights for both miners on chain',
        async () => {
          const w = await client.request('weights', (api) =>
            api.query.subtensorModule.weights(subnet.netuid, uid),
          );
          const pairs = new Map((w.toJSON() as [number, number][]).map(([u, v]) => [u, v]));
          return minerUids.every((m) => (pairs.get(m) ?? 0) > 0) ? pairs : undefined;
        },
        { timeoutMs: 5 * MINUTE, intervalMs: 2_000 },
      );
      expect(weights.get(minerUids[0]!)!).toBeGreaterThan(weights.get(minerUids[1]!)!);
    },
    6 * MINUTE,
  );

  it(
    'survives kill -9 mid-step: scores load, weights continue',
    async () => {
      const uid = validatorUid();
      const hotkey = subnet.neurons.find((n) => n.role === 'validator')!.hotkey;
      watchFromBlock = (await client.request('head', (api) => api.rpc.chain.getHeader())).number.toNumber();
      const file = join(stateDir('validator'), 'validator-state.json');
      const savedStep = () => JSON.parse(readFileSync(file, 'utf8')).step as number;
      await waitFor('a few validator steps', () => savedStep() >= 3, { timeoutMs: 2 * MINUTE });
      const startedSteps = async () =>
        (await readJsonLog(validator.spec.logFile))
          .filter((l) => l.msg === 'step started')
          .map((l) => Number(l.step));
      // Mid-step, provably: a step k has logged "step started" but the state file still says k
      // (a finished step k persists k + 1). Caught right at its start, so ~1 s of it is left.
      const seen = (await startedSteps()).at(-1) ?? -1;
      const inFlight = await waitFor(
        'a new step in flight',
        async () => {
          const last = (await startedSteps()).at(-1);
          return last !== undefined && last > seen && savedStep() === last ? last : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 50 },
      );
      await validator.kill();
      expect((await startedSteps()).at(-1)).toBe(inFlight);
      const saved = await loadValidatorState(stateDir('validator'), { netuid: subnet.netuid, hotkey });
      expect(saved.kind).toBe('loaded');
      if (saved.kind !== 'loaded') return;
      // The step that was cut off is simply lost; every finished one is on disk, file intact.
      expect(saved.state.step).toBe(inFlight);
      const savedSum = saved.state.scores.reduce((a, b) => a + b, 0);
      expect(savedSum).toBeGreaterThan(0);
      const before = await lastUpdateOf(uid);
      validator.start();
      const resumed = await waitFor(
        'the restarted validator to resume',
        async () =>
          (await readJsonLog(validator.spec.logFile)).find(
            (l) => l.msg === 'resumed validator state' && l.step === saved.state.step,
          ),
        { timeoutMs: 2 * MINUTE },
      );
      expect(resumed.uids).toBe(saved.state.scores.length);
      expect(resumed.scoreSum as number).toBeCloseTo(savedSum, 10);
      await waitFor('weights after the restart', async () => (await lastUpdateOf(uid)) > before, {
        timeoutMs: 3 * MINUTE,
        intervalMs: 2_000,
      });
      const after = await loadValidatorState(stateDir('validator'), { netuid: subnet.netuid, hotkey });
      expect(after.kind === 'loaded' && after.state.step).toBeGreaterThan(saved.state.step);
    },
    8 * MINUTE,
  );

  it(
    'rides out a 30 s chain outage without restarting and never sends weights twice',
    async () => {
      const uid = validatorUid();
      const daemons = [validator, ...miners];
      const pids = daemons.map((d) => d.pid);
      const outageStart = Date.now();
      await proxy.stop();
      await sleep(30_000);
      const duringOutage = await lastUpdateOf(uid);
      await proxy.start();
      const outageEnd = Date.now();
      await waitFor('weights after the outage', async () => (await lastUpdateOf(uid)) > duringOutage, {
        timeoutMs: 4 * MINUTE,
        intervalMs: 2_000,
      });
      // Same processes, each of which saw the chain go and come back by itself.
      expect(daemons.map((d) => d.pid)).toEqual(pids);
      expect(daemons.every((d) => d.running)).toBe(true);
      for (const d of daemons) {
        const r = await waitFor(
          `${d.spec.name} to reconnect`,
          () => reconnectedAfter(d.spec.logFile, outageStart),
          {
            timeoutMs: MINUTE,
          },
        );
        expect(r.backAt).toBeGreaterThan(r.lostAt);
        const health = await waitFor(
          `${d.spec.name} healthy again`,
          async () => (await healthOf(d.spec.logFile))?.ok,
          {
            timeoutMs: MINUTE,
          },
        );
        expect(health).toBe(true);
      }
      // The miners serve again after the outage: a later step rewards both of them.
      const minerUids = subnet.neurons.filter((n) => n.role === 'miner').map((n) => n.uid);
      await waitFor(
        'both miners answering after the outage',
        async () =>
          (await readJsonLog(validator.spec.logFile)).some((l) => {
            if (l.msg !== 'scored' || l.time < outageEnd) return false;
            const rewards = l.rewards as { uid: number; reward: number }[];
            return minerUids.every((m) => rewards.some((r) => r.uid === m && r.reward > 0));
          }),
        { timeoutMs: 2 * MINUTE },
      );
      // Never the same weights twice, read from the chain's own events (a resend whose first reply
      // was lost would land here even if the validator never logged it): since the crash test, every
      // WeightsSet of this validator is at least a tempo after the previous one.
      const head = (await client.request('head', (api) => api.rpc.chain.getHeader())).number.toNumber();
      const landed = await weightsSetBlocks(client, {
        netuid: subnet.netuid,
        uid,
        fromBlock: watchFromBlock,
        toBlock: head,
      });
      expect(landed.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < landed.length; i++)
        expect(landed[i]! - landed[i - 1]!).toBeGreaterThanOrEqual(TEMPO);
    },
    8 * MINUTE,
  );

  it('stops on SIGINT and SIGTERM within the kill timeout, exit code 0', async () => {
    expect(await miners[0]!.stop(10_000, 'SIGINT')).toBe(0);
    expect(await Promise.all([validator, miners[1]!].map((d) => d.stop(10_000, 'SIGTERM')))).toEqual([0, 0]);
    const log = await readJsonLog(validator.spec.logFile);
    expect(log.at(-1)?.msg).toBe('stopped');
  }, 60_000);
});

describe('pm2 start ecosystem.config.js', () => {
  it(
    'runs the implemented apps on the local chain, leaves unimplemented ones stopped, stops cleanly',
    async () => {
      const uid = validatorUid();
      const before = await lastUpdateOf(uid);
      const base = 20_000 + Math.floor(Math.random() * 20_000);
      Object.assign(pm2Env, {
        TAONODE_FROM_SOURCE: '1',
        TAONODE_TEST_NETUID: String(subnet.netuid),
        TAONODE_TEST_CHAIN_ENDPOINT: localnet.url,
        TAONODE_TEST_WALLET: subnet.walletName,
        TAONODE_TEST_WALLET_PATH: subnet.walletPath,
        TAONODE_TEST_STATE_DIR: join(workDir, 'pm2-state'),
        TAONODE_TEST_PORT_BASE: String(base),
      });
      const implemented = ['test-miner-1', 'test-miner-2', 'test-validator'];
      const notYet: string[] = [];
      const only = [...implemented, ...notYet].join(',');
      const started = await runPm2(repoRoot, ['start', 'ecosystem.config.js', '--only', only], pm2Env);
      expect(started.code, started.stderr).toBe(0);
      await waitFor('weights set by the pm2 validator', async () => (await lastUpdateOf(uid)) > before, {
        timeoutMs: 5 * MINUTE,
        intervalMs: 3_000,
      });
      const list = await pm2List(repoRoot, pm2Env);
      const byName = new Map(list.map((p) => [p.name, p]));
      for (const name of implemented) {
        expect(byName.get(name)).toMatchObject({ status: 'online', restarts: 0 });
      }
      // Not implemented yet: exit 78 is in stop_exit_codes, so pm2 does not restart them in a loop.
      for (const name of notYet) {
        const app = byName.get(name)!;
        expect(app).toMatchObject({ status: 'stopped', restarts: 0, exitCode: 78 });
        const out = await readFile(app.outLog, 'utf8').catch(() => '');
        const err = await readFile(app.outLog.replace(/-out\.log$/, '-error.log'), 'utf8').catch(() => '');
        expect(out + err).toMatch(new RegExp(`${name}: not implemented yet`));
      }
      // Graceful stop within pm2's kill timeout: each daemon logs its own "stopped" (pm2 would
      // SIGKILL a daemon that took longer, and it would never get to log it).
      const stopped = await runPm2(repoRoot, ['stop', ...implemented], pm2Env);
      expect(stopped.code, stopped.stderr).toBe(0);
      const after = new Map((await pm2List(repoRoot, pm2Env)).map((p) => [p.name, p]));
      for (const name of implemented) {
        expect(after.get(name)).toMatchObject({ status: 'stopped', restarts: 0 });
        // pm2's God daemon writes the log from the app's pipe; its last line may land just after
        // `pm2 stop` returns.
        const outLog = byName.get(name)!.outLog;
        await waitFor(
          `"stopped" in ${name}'s log`,
          async () => (await readJsonLog(outLog)).some((l) => l.msg === 'stopped'),
          { timeoutMs: 5_000, intervalMs: 200 },
        );
      }
    },
    8 * MINUTE,
  );
});
