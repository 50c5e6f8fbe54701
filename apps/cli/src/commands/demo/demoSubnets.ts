import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainClient } from '@taonode/chain';
import { findRepoRoot } from '@taonode/chain';
import { type ProvisionedSubnet, testNeuronEntry } from '@taonode/neuron';
import { startSn24FocusDemo } from './sn24FocusDemo.js';

/**
 * The subnets `taonode demo` runs, one local subnet each, with their own daemon entry point and
 * demo flags.
 */
export interface DemoSubnet {
  id: string;
  title: string;
  entry: () => { script: string; execArgv: string[] };
  /** Extra flags for miner i (1-based): the test subnet makes miner 2 slower so scores differ. */
  minerArgs: (i: number) => string[];
  validatorArgs: string[];
  /** The validator's `--neuron.moving_average_alpha` (default 0.3: scores settle within a few steps). */
  movingAverageAlpha?: number;
  /**
   * Runs once before the subnet's daemons start, alongside the chain set-up (e.g. building SN2's
   * circuits once instead of in every daemon at the same time); a non-zero exit fails the demo.
   */
  prepare?: () => { script: string; execArgv: string[]; args: string[] };
  /** A side show started before the daemons (e.g. SN24's Focus marketplace), run once weights are on chain. */
  extras?: () => Promise<DemoExtras>;
}

export interface DemoExtras {
  /** Appended to the validator's flags. */
  validatorArgs: string[];
  afterWeights(ctx: {
    client: ChainClient;
    subnet: ProvisionedSubnet;
    /** The validator's current scores (its state file), by uid. */
    scores: () => Promise<number[]>;
    out: (line: string) => void;
    deadline: number;
    workDir: string;
    validatorLog: string;
  }): Promise<void>;
  close(): Promise<void>;
}

/** SN2 circuits in the demo: the PoW incentive at batch 2 and the MLP build in under a minute. */
const SN2_DEMO_CIRCUITS = 'pow-2,mlp';

/**
 * A script of one of this checkout's subnet packages (a daemon, a build step), from dist/ when the
 * CLI runs built, else from src/ through tsx. Found by path because the CLI does not depend on the
 * subnet packages.
 */
function packageScript(pkg: string, folder: string, name: string): { script: string; execArgv: string[] } {
  const root = findRepoRoot() ?? process.cwd();
  const built = join(root, 'packages', pkg, 'dist', folder, `${name}.js`);
  if (!import.meta.url.endsWith('.ts') && existsSync(built)) return { script: built, execArgv: [] };
  return {
    script: join(root, 'packages', pkg, 'src', folder, `${name}.ts`),
    execArgv: ['--conditions=@taonode/source', '--import', 'tsx'],
  };
}

const sn2Script = (folder: string, name: string) => packageScript('sn2', folder, name);
const sn24Script = (name: string) => packageScript('sn24', 'daemon', name);

const sn2Entry = () => sn2Script('daemon', 'main');

export const DEMO_SUBNETS: readonly DemoSubnet[] = [
  {
    id: 'test',
    title: 'test subnet (Dummy synapse: answer 2 × input, scored on correctness and latency)',
    entry: () => {
      const e = testNeuronEntry();
      return { script: e.script, execArgv: e.execArgv };
    },
    minerArgs: (i) => ['--role', 'miner', '--neuron.test_delay_ms', String((i - 1) * 400)],
    validatorArgs: ['--role', 'validator'],
  },
  {
    id: 'sn2',
    title:
      'SN2 proof of inference (miners prove Groth16 circuits; the validator verifies and scores latency)',
    entry: sn2Entry,
    // Local stakes are below the reference's 1024 TAO; registration and permit checks stay on.
    minerArgs: () => [
      '--role',
      'miner',
      '--neuron.circuits',
      SN2_DEMO_CIRCUITS,
      '--blacklist.min_stake',
      '0',
    ],
    // Tempo 10 here: one update per tempo, and the 15-block buffer of §4.5 spans the whole epoch.
    validatorArgs: [
      '--role',
      'validator',
      '--neuron.circuits',
      SN2_DEMO_CIRCUITS,
      '--neuron.weights_rate_limit',
      '10',
    ],
    // SN2's 40% cut of a failed miner needs alpha >= 0.4 (docs/sn2.md, Scoring).
    movingAverageAlpha: 0.4,
    // pow-2 and mlp, built once (about 35 s the first time, cached after) before the daemons start.
    prepare: () => ({ ...sn2Script('build', 'buildCircuitsMain'), args: ['--batch', '2'] }),
  },
  {
    id: 'sn24',
    title:
      'SN24 OMEGA dataset (miners return video clips with ImageBind embeddings; the validator spot-checks, scores and files them as parquet)',
    entry: () => sn24Script('main'),
    // Tiny random-weight models and 3 generated 8 s videos, made once by `prepare`; stakes as SN2's.
    minerArgs: () => ['--role', 'miner', ...sn24DemoFlags(), '--blacklist.min_stake', '0'],
    validatorArgs: [
      '--role',
      'validator',
      ...sn24DemoFlags(),
      // 2 clips per answer, every accepted clip its own parquet file; a random unstuffer flags half of all texts.
      ...['--sn24.num_videos', '2', '--sn24.dataset_batch_sizes', '1', '--sn24.unstuffer', 'off'],
      // Tempo 10 here: weights every 10 blocks instead of the reference's 100.
      ...['--neuron.epoch_length', '10'],
    ],
    // A stand-in Focus marketplace; once weights are on chain miner1 buys a video (docs/sn24.md).
    extras: startSn24FocusDemo,
    prepare: () => ({
      ...sn24Script('prepareDemoMain'),
      args: ['--video-dir', sn24DemoVideos(), '--videos', '3'],
    }),
  },
];

/** The demo's generated videos, kept in the checkout's git-ignored cache between demos. */
function sn24DemoVideos(): string {
  return join(findRepoRoot() ?? process.cwd(), '.cache', 'sn24-demo', 'videos');
}

function sn24DemoFlags(): string[] {
  return ['--sn24.test_models', '--sn24.video_dir', sn24DemoVideos(), '--inference.device', 'cpu'];
}
