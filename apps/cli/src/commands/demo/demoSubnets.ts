import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/chain';
import { testNeuronEntry } from '@taonode/neuron';

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
}

/** SN2 circuits in the demo: the PoW incentive at batch 2 and the MLP build in under a minute. */
const SN2_DEMO_CIRCUITS = 'pow-2,mlp';

/**
 * The SN2 daemon (`--role miner|validator`) of this checkout, from dist/ when the CLI runs built,
 * else from src/ through tsx. Found by path because the CLI does not depend on @taonode/sn2.
 */
function sn2Entry(): { script: string; execArgv: string[] } {
  const root = findRepoRoot() ?? process.cwd();
  const built = join(root, 'packages', 'sn2', 'dist', 'daemon', 'main.js');
  if (!import.meta.url.endsWith('.ts') && existsSync(built)) return { script: built, execArgv: [] };
  return {
    script: join(root, 'packages', 'sn2', 'src', 'daemon', 'main.ts'),
    execArgv: ['--conditions=@taonode/source', '--import', 'tsx'],
  };
}

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
    validatorArgs: ['--role', 'validator', '--neuron.circuits', SN2_DEMO_CIRCUITS],
  },
];
