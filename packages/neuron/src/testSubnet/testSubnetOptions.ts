import { defineOptions, option } from '../config/defineOptions.js';

/** The test subnet's own flags (miners only; they make a miner slow or wrong on purpose). */
export const testSubnetOptions = defineOptions({
  delayMs: option.integer('neuron.test_delay_ms', {
    default: 0,
    min: 0,
    roles: ['miner'],
    description: 'Test subnet miner: wait this long before answering (ranks it below faster miners)',
  }),
  wrong: option.boolean('neuron.test_wrong', {
    roles: ['miner'],
    description: 'Test subnet miner: answer wrongly (its score goes to 0)',
  }),
});
