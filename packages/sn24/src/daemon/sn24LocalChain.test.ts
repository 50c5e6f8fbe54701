/**
 * SN24 end to end on the real subtensor runtime (chopsticks): a registered miner answers `Videos`
 * from a folder of generated videos (ffmpeg testsrc + sine) with tiny ImageBind models; the
 * validator scores it with the real pipeline (spot check against the same folder, novelty index,
 * stuffing checks), writes the accepted clips into parquet files and sets weights on chain.
 * Daemons are real child processes. Slow by nature; nothing asserts on wall-clock time.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getMetagraph } from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import { createFfmpeg } from '@taonode/media';
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
import { readParquetRows } from '@taonode/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { ensureTestVideos } from './testVideoFolder.js';

const MINUTE = 60_000;
const chain = testChain('sn24-chain-');
const { workDir: work, daemons } = chain;
const videoDir = join(work, 'videos');
const datasetDir = join(work, 'dataset');
let subnet: ProvisionedSubnet;
const uid = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;
const logOf = (name: string) => join(work, `${name}.log`);

/** Files under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  // Made once here so both daemons start from ready files.
  await tinySn24ModelOptions();
  await ensureTestVideos(await createFfmpeg(), videoDir, 3);
  await chain.start();
  subnet = await provisionSubnet(chain.client, {
    walletPath: join(work, 'wallets'),
    miners: 1,
    subnet: { tempo: 10 },
  });
  const cluster = neuronCluster({
    subnet,
    endpoint: chain.localnet.url,
    workDir: work,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts: [await freePort('127.0.0.2')],
    // The apps themselves (apps/sn24-miner, apps/sn24-validator), as pm2 runs them.
    launch: subnetLaunch('sn24'),
    commonArgs: ['--inference.device', 'cpu', '--sn24.test_models', '--sn24.video_dir', videoDir],
    // config/sn24-miner.json's 10,240-alpha stake threshold is 0 on a local chain; registration and
    // permit checks stay on.
    minerArgs: () => [],
    validatorArgs: [
      // SN24's own timeout (--sn24.timeout) bounds its queries; these restore the runtime defaults.
      ...['--neuron.step_interval', '1', '--neuron.timeout', '12'],
      ...['--sn24.num_videos', '2', '--neuron.epoch_length', '10'],
      ...['--sn24.dataset_dir', datasetDir, '--sn24.dataset_batch_sizes', '1'],
      // A random-weight unstuffer flags about half of all texts; the bad-input tests run the model.
      ...['--sn24.unstuffer', 'off'],
    ],
  });
  daemons.push(...cluster.miners, cluster.validator);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(() => chain.close(), 2 * MINUTE);

describe('SN24 on the local chain', () => {
  it(
    'the validator scores the miner, files its clips as parquet rows, and its weights land on chain',
    async () => {
      const lines = await waitFor(
        'a scored SN24 answer and weights for miner1',
        async () => {
          const dead = daemons.find((d) => !d.running);
          if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
          const all = await readJsonLog(logOf('validator'));
          const scored = all.some((l) => l.msg === 'SN24 miner scored' && l.reason === 'scored');
          const weighted = all.some(
            (l) => l.msg === 'weights submitted' && (l.uids as number[]).includes(uid('miner1')),
          );
          return scored && weighted ? all : undefined;
        },
        { timeoutMs: 10 * MINUTE, intervalMs: 3_000 },
      );
      const scored = lines.filter((l) => l.msg === 'SN24 miner scored' && l.reason === 'scored');
      expect(scored[0]).toMatchObject({ uid: uid('miner1'), clips: 2 });
      // Random-weight models can make two test videos look alike (de-duplicated): at least one stays.
      expect(scored[0]!.accepted as number).toBeGreaterThanOrEqual(1);
      expect(scored[0]!.reward as number).toBeGreaterThanOrEqual(0.005);

      // A batch size of 1: every accepted clip is one parquet file of one row.
      const parquet = await waitFor(
        'a parquet file in the dataset folder',
        async () => {
          const files = (await filesUnder(datasetDir)).filter((f) => f.endsWith('.parquet'));
          return files.length > 0 ? files : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 2_000 },
      );
      expect(parquet[0]).toMatch(/default[/\\]train[/\\]\d{3}[/\\][0-9A-Z]{26}\.parquet$/);
      const rows = await readParquetRows(await readFile(parquet[0]!));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ query: expect.any(String), start_time: 0 });
      expect((rows[0]!.video_embed as number[]).length).toBe(1024);

      const onChain = await waitFor(
        'the weights in chain storage',
        async () => {
          const mg = await getMetagraph(chain.client, { netuid: subnet.netuid, weights: true });
          const row = mg.neurons[uid('validator')]!.weights ?? [];
          return row.length > 0 ? row : undefined;
        },
        { timeoutMs: MINUTE, intervalMs: 2_000 },
      );
      expect(onChain.map((w) => w.uid)).toContain(uid('miner1'));
    },
    12 * MINUTE,
  );
});
