import { testNeuronEntry } from '@taonode/neuron';

/**
 * The subnets `taonode demo` runs, one local subnet each. Today only the built-in test subnet; when
 * packages/sn2 or sn24 land, add an entry with its own daemon entry point and demo flags.
 */
export interface DemoSubnet {
  id: string;
  title: string;
  entry: () => { script: string; execArgv: string[] };
  /** Extra flags for miner i (1-based): the test subnet makes miner 2 slower so scores differ. */
  minerArgs: (i: number) => string[];
  validatorArgs: string[];
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
];
