import type { OptionSpec } from '../config/options.js';

/** The test subnet's own flags (miners only; they make a miner slow or wrong on purpose). */
export const TEST_SUBNET_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'neuron.test_delay_ms',
    kind: 'integer',
    default: 0,
    min: 0,
    description: 'Test subnet miner: wait this long before answering (ranks it below faster miners)',
  },
  {
    key: 'neuron.test_wrong',
    kind: 'boolean',
    default: false,
    description: 'Test subnet miner: answer wrongly (its score goes to 0)',
  },
];
