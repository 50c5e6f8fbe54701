/**
 * The daemons against the real subtensor runtime (chopsticks) as real child processes: weights,
 * kill -9, a chain outage, then the same neurons under pm2 with ecosystem.config.js. One chain for
 * the whole file. Slow by nature (~6–9 min on 2 busy cores): every wait is generous and nothing
 * asserts on wall-clock time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './lifecycle/sleep.js';
import type { DaemonProcess } from './testing/daemonProcess.js';
import { freePort } from './testing/freePort.js';
import { neuronCluster } from './testing/neuronCluster.js';
import { OutageProxy } from './testing/outageProxy.js';
import { pm2List, runPm2 } from './testing/pm2.js';
import { type ProvisionedSubnet, provisionSubnet } from './testing/provisionSubnet.js';
import { readJsonLog } from './testing/readJsonLog.js';
import { waitFor } from './testing/waitFor.js';
import { loadValidatorState } from './validator/validatorState.js';

const MINUTE = 60_000;
let localnet: Localnet;
let client: ChainClient;
let proxy: OutageProxy;
let subnet: ProvisionedSubnet;
let validator: DaemonProcess;
let miners: DaemonProcess[];
let stateDir: (name: string) => string;
const workDir = mkdtempSync(join(tmpdir(), 'neuron-reliability-'));

async function lastUpdateOf(uid: number): Promise<number> {
  const mg = await getMetagraph(client, { netuid: subnet.netuid });
  return mg.neurons[uid]?.lastUpdate ?? 0;
}

async function weightsSubmitted(): Promise<number[]> {
  return (await readJsonLog(validator.spec.logFile))
    .filter((l) => l.msg === 'weights submitted')
    .map((l) => Number(l.block));
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
    subnet: { tempo: 10 },
  });
  const axonPorts = [await freePort('127.0.0.2'), await freePort('127.0.0.2')];
  ({ validator, miners, stateDir } = neuronCluster({
    subnet,
    endpoint: proxy.url,
    workDir,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts,
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
      const file = join(stateDir('validator'), 'validator-state.json');
      // Steps run back to back (0.2 s pause, 300 ms slow miner), so a kill lands inside one.
      await waitFor('a few validator steps', async () => JSON.parse(readFileSync(file, 'utf8')).step >= 5, {
        timeoutMs: 2 * MINUTE,
      });
      await sleep(Math.floor(Math.random() * 700));
      await validator.kill();
      const saved = await loadValidatorState(stateDir('validator'), {
        netuid: subnet.netuid,
        hotkey: subnet.neurons[0]!.hotkey,
      });
      expect(saved.kind).toBe('loaded');
      if (saved.kind !== 'loaded') return;
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
      await waitFor('weights after the restart', async () => (await lastUpdateOf(uid)) > before, {
        timeoutMs: 3 * MINUTE,
        intervalMs: 2_000,
      });
      const after = await loadValidatorState(stateDir('validator'), {
        netuid: subnet.netuid,
        hotkey: subnet.neurons[0]!.hotkey,
      });
      expect(after.kind === 'loaded' && after.state.step).toBeGreaterThan(saved.state.step);
    },
    8 * MINUTE,
  );

  it(
    'rides out a 30 s chain outage without restarting and never sends weights twice',
    async () => {
      const uid = validatorUid();
      const pids = [validator, ...miners].map((d) => d.pid);
      await proxy.stop();
      await sleep(30_000);
      const duringOutage = await lastUpdateOf(uid);
      await proxy.start();
      await waitFor('weights after the outage', async () => (await lastUpdateOf(uid)) > duringOutage, {
        timeoutMs: 4 * MINUTE,
        intervalMs: 2_000,
      });
      expect([validator, ...miners].map((d) => d.pid)).toEqual(pids);
      expect([validator, ...miners].every((d) => d.running)).toBe(true);
      const log = await readJsonLog(validator.spec.logFile);
      expect(log.some((l) => l.msg === 'chain connection lost; reconnecting')).toBe(true);
      // Never the same weights twice: submissions are at least a tempo apart, never in one block.
      const blocks = await weightsSubmitted();
      for (let i = 1; i < blocks.length; i++) expect(blocks[i]! - blocks[i - 1]!).toBeGreaterThanOrEqual(10);
      const minerLog = await readJsonLog(miners[0]!.spec.logFile);
      expect(minerLog.some((l) => l.msg === 'chain connected')).toBe(true);
    },
    8 * MINUTE,
  );
});

describe('pm2 start ecosystem.config.js', () => {
  it(
    'runs the test-subnet apps on the local chain and leaves unimplemented apps stopped',
    async () => {
      await Promise.all([validator, ...miners].map((d) => d.stop()));
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
      const only = 'test-miner-1,test-miner-2,test-validator,sn2-miner';
      const started = await runPm2(repoRoot, ['start', 'ecosystem.config.js', '--only', only], pm2Env);
      expect(started.code, started.stderr).toBe(0);
      await waitFor('weights set by the pm2 validator', async () => (await lastUpdateOf(uid)) > before, {
        timeoutMs: 5 * MINUTE,
        intervalMs: 3_000,
      });
      const list = await pm2List(repoRoot, pm2Env);
      const byName = new Map(list.map((p) => [p.name, p]));
      for (const name of ['test-miner-1', 'test-miner-2', 'test-validator']) {
        expect(byName.get(name)).toMatchObject({ status: 'online', restarts: 0 });
      }
      // Not implemented yet: exit 78 is in stop_exit_codes, so pm2 does not restart it in a loop.
      const sn2 = byName.get('sn2-miner')!;
      expect(sn2.status).toBe('stopped');
      expect(sn2.restarts).toBe(0);
      const sn2Log = await readFile(sn2.outLog, 'utf8').catch(() => '');
      const sn2Err = await readFile(sn2.outLog.replace(/-out\.log$/, '-error.log'), 'utf8').catch(() => '');
      expect(sn2Log + sn2Err).toMatch(/sn2-miner: not implemented yet/);
      // Graceful stop within pm2's kill timeout: the validator logs its own "stopped".
      const stopped = await runPm2(repoRoot, ['stop', 'test-validator'], pm2Env);
      expect(stopped.code).toBe(0);
      const validatorLog = await readJsonLog(byName.get('test-validator')!.outLog);
      expect(validatorLog.some((l) => l.msg === 'stopped')).toBe(true);
    },
    8 * MINUTE,
  );
});
