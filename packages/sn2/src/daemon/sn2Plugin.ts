import { type AxonGuards, defineSubnet } from '@taonode/neuron';
import type { Axon, Dendrite } from '@taonode/transport';
import { createSn2Miner } from './createSn2Miner.js';
import { createSn2Validator } from './createSn2Validator.js';
import { circuitFlagProblem } from './loadCircuits.js';
import { SN2_WEIGHTS_VERSION, sn2Options } from './sn2Options.js';

/** SN2 (Omron proof of inference) as a neuron-runtime plug-in. */
export const sn2Plugin = defineSubnet<typeof sn2Options, Dendrite, Axon, AxonGuards>({
  name: 'sn2',
  versionKey: SN2_WEIGHTS_VERSION,
  options: sn2Options,
  checkConfig: (_config, options) => circuitFlagProblem(options),
  createMiner: createSn2Miner,
  createValidator: createSn2Validator,
});
