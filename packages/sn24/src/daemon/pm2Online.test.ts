/**
 * apps/sn2-miner, apps/sn2-validator, apps/sn24-miner and apps/sn24-validator under pm2, started
 * from ecosystem.config.js unchanged (private PM2_HOME, from source) against the real subtensor
 * runtime (chopsticks): the netuid overrides point them at two local subnets, the demo's settings
 * reach them through the daemons' TAONODE_* env vars, and the test checks they stay online, the
 * miners' axons are served on chain and both validators' weights land there; then a graceful stop.
 * Lives here because SN24 already has the chain and neuron test dependencies; the SN2 circuits are
 * built (or found in the cache) by SN2's own build script, as `taonode demo` does.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainClient, connect, getMetagraph, type Localnet, startLocalnet } from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import { createFfmpeg } from '@taonode/media';
import {
  DaemonProcess,
  type LogLine,
  type ProvisionedSubnet,
  pm2List,
  provisionSubnet,
  readJsonLog,
  runPm2,
  waitFor,
} from '@taonode/neuron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { ensureTestVideos } from './testVideoFolder.js';

const MINUTE = 60_000;
const root = findRepoRoot() ?? process.cwd();
const work = mkdtempSync(join(tmpdir(), 'pm2-online-'));
const APPS = ['sn2-miner', 'sn2-validator', 'sn24-miner', 'sn24-validator'] as const;
const WALLET = 'taonode-pm2';
// Random, so daemons already on the ecosystem's ports (an operator's, another test's) do not clash;
// every shifted port stays below Linux's ephemeral range (32768+), where the chain's port comes from.
const PORT_OFFSET = 10_000 + Math.floor(Math.random() * 13_000);
const pm2Env: NodeJS.ProcessEnv = { PM2_HOME: join(work, '.pm2') };
let localnet: Localnet | undefined;
let client: ChainClient | undefined;
let circuitBuild: DaemonProcess | undefined;
const subnets = new Map<'sn2' | 'sn24', ProvisionedSubnet>();

const uidOf = (app: string) => {
  const subnet = subnets.get(app.startsWith('sn24-') ? 'sn24' : 'sn2')!;
  return { netuid: subnet.netuid, uid: subnet.neurons.find((n) => n.name === app)!.uid };
};

/** The last log lines of every app, for a failure message. */
async function logTails(): Promise<string> {
  const list = await pm2List(root, pm2Env).catch(() => []);
  const tails = await Promise.all(
    list.map(async (p) => {
      const text = await readFile(p.outLog, 'utf8').catch(() => '');
      return `--- ${p.name} (${p.status})\n${text.trimEnd().split('\n').slice(-8).join('\n')}`;
    }),
  );
  return tails.join('\n');
}

async function weightsOf(validator: string): Promise<Map<number, number>> {
  const { netuid, uid } = uidOf(validator);
  const raw = await client!.request('weights', (api) => api.query.subtensorModule.weights(netuid, uid));
  return new Map((raw.toJSON() as [number, number][]).map(([u, w]) => [u, w]));
}

beforeAll(async () => {
  // pow-2 and mlp, the demo's SN2 circuits: about 35 s the first time, from the cache after.
  circuitBuild = new DaemonProcess({
    name: 'sn2-circuits',
    script: join(root, 'packages', 'sn2', 'src', 'build', 'buildCircuitsMain.ts'),
    execArgv: ['--conditions=@taonode/source', '--import', 'tsx'],
    args: ['--batch', '2'],
    cwd: root,
    logFile: join(work, 'sn2-circuits.log'),
  });
  circuitBuild.start();
  // SN24's demo inputs, in the checkout's git-ignored cache the demo also uses.
  await tinySn24ModelOptions();
  await ensureTestVideos(await createFfmpeg(), join(root, '.cache', 'sn24-demo', 'videos'), 3);
  localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
  client = await connect({ chainEndpoint: localnet.url });
  for (const sn of ['sn2', 'sn24'] as const) {
    subnets.set(
      sn,
      await provisionSubnet(client, {
        walletPath: join(work, 'wallets'),
        walletName: WALLET,
        miners: 1,
        hotkeys: { validator: `${sn}-validator`, miners: [`${sn}-miner`] },
        subnet: { tempo: 10 },
      }),
    );
  }
  expect(await circuitBuild.waitForExit(), 'SN2 circuit build (see its log)').toBe(0);
}, 6 * MINUTE);

afterAll(async () => {
  await runPm2(root, ['kill'], pm2Env).catch(() => undefined);
  await circuitBuild?.stop();
  await client?.close();
  await localnet?.close();
  await rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

describe('SN2 and SN24 apps under pm2 on a local chain', () => {
  it(
    'stay online, serve their axons, set weights on chain and stop cleanly',
    async () => {
      const sn2 = subnets.get('sn2')!;
      const sn24 = subnets.get('sn24')!;
      Object.assign(pm2Env, {
        // The daemons' default state folders live under ~/.taonode: kept inside the test's folder.
        HOME: work,
        TAONODE_FROM_SOURCE: '1',
        TAONODE_PM2_WALLET: WALLET,
        TAONODE_PM2_WALLET_PATH: join(work, 'wallets'),
        TAONODE_PM2_NETWORK: localnet!.url,
        TAONODE_PM2_NETUID_SN2: String(sn2.netuid),
        TAONODE_PM2_NETUID_SN24: String(sn24.netuid),
        TAONODE_PM2_PORT_OFFSET: String(PORT_OFFSET),
        // The demo's settings (config/subnets.json); each daemon reads only its own options.
        TAONODE_AXON_IP: '127.0.0.2',
        TAONODE_BLACKLIST_MIN_STAKE: '0',
        TAONODE_NEURON_MOVING_AVERAGE_ALPHA: '0.4',
        TAONODE_NEURON_CIRCUITS: 'pow-2,mlp',
        TAONODE_NEURON_WEIGHTS_RATE_LIMIT: '10',
        TAONODE_NEURON_EPOCH_LENGTH: '10',
        TAONODE_INFERENCE_DEVICE: 'cpu',
        TAONODE_SN24_TEST_MODELS: 'true',
        TAONODE_SN24_VIDEO_DIR: join(root, '.cache', 'sn24-demo', 'videos'),
        TAONODE_SN24_NUM_VIDEOS: '2',
        TAONODE_SN24_DATASET_BATCH_SIZES: '1',
        TAONODE_SN24_UNSTUFFER: 'off',
      });
      const started = await runPm2(root, ['start', 'ecosystem.config.js', '--only', APPS.join(',')], pm2Env);
      expect(started.code, started.stderr).toBe(0);

      // Weights that come from real answers: a weights submission for the miner after the validator
      // verified one of its SN2 proofs or scored one of its SN24 clip sets (early requests are refused
      // until the validator's first epoch gives it a permit, and those score only the floor).
      const answered = {
        sn2: (l: LogLine) => l.msg === 'SN2 proof verified',
        sn24: (l: LogLine) => l.msg === 'SN24 miner scored' && l.reason === 'scored',
      };
      const weighted = async (sn: 'sn2' | 'sn24', outLog: string) => {
        const miner = uidOf(`${sn}-miner`).uid;
        const lines = await readJsonLog(outLog);
        const first = lines.findIndex((l) => answered[sn](l) && l.uid === miner);
        const after = lines
          .slice(first + 1)
          .some((l) => l.msg === 'weights submitted' && (l.uids as number[]).includes(miner));
        return first !== -1 && after && ((await weightsOf(`${sn}-validator`)).get(miner) ?? 0) > 0;
      };
      const outcome = await waitFor(
        'weights on chain from both validators after real answers',
        async () => {
          const list = await pm2List(root, pm2Env);
          const down = list.find((p) => p.status === 'stopped' || p.status === 'errored');
          if (down) return { down };
          for (const sn of ['sn2', 'sn24'] as const) {
            if (!(await weighted(sn, list.find((p) => p.name === `${sn}-validator`)!.outLog)))
              return undefined;
          }
          return { down: undefined };
        },
        { timeoutMs: 4 * MINUTE, intervalMs: 3_000 },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await logTails()}`);
      });
      expect(outcome.down, `${outcome.down?.name} went down\n${await logTails()}`).toBeUndefined();

      const list = await pm2List(root, pm2Env);
      expect(list.map((p) => p.name).sort()).toEqual([...APPS].sort());
      for (const app of list) expect(app, app.name).toMatchObject({ status: 'online', restarts: 0 });
      for (const [miner, port] of [
        ['sn2-miner', 8091],
        ['sn24-miner', 8093],
      ] as const) {
        const { netuid, uid } = uidOf(miner);
        const neuron = (await getMetagraph(client!, { netuid })).neurons[uid];
        expect(neuron?.axon, miner).toMatchObject({
          ip: '127.0.0.2',
          port: port + PORT_OFFSET,
          serving: true,
        });
      }

      // Graceful stop inside pm2's kill timeout: each daemon logs its own "stopped".
      const stopped = await runPm2(root, ['stop', ...APPS], pm2Env);
      expect(stopped.code, stopped.stderr).toBe(0);
      for (const app of await pm2List(root, pm2Env)) {
        expect(app, app.name).toMatchObject({ status: 'stopped', restarts: 0 });
        // pm2's God daemon writes the log from the app's pipe; its last line may land just after
        // `pm2 stop` returns.
        await waitFor(
          `"stopped" in ${app.name}'s log`,
          async () => (await readJsonLog(app.outLog)).some((l) => l.msg === 'stopped'),
          { timeoutMs: 5_000, intervalMs: 200 },
        );
      }
    },
    6 * MINUTE,
  );
});
