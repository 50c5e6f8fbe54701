import type { AxonGuards, SubnetPlugin } from '@taonode/neuron';
import type { Axon, Dendrite } from '@taonode/transport';
import { createSn2Miner } from './createSn2Miner.js';
import { createSn2Validator, type Sn2Round } from './createSn2Validator.js';
import { circuitFlagProblem } from './loadCircuits.js';
import { SN2_OPTIONS, SN2_WEIGHTS_VERSION } from './sn2Options.js';

/** SN2 (Omron proof of inference) as a neuron-runtime plug-in. */
export const sn2Plugin: SubnetPlugin<Dendrite, Sn2Round, Axon, AxonGuards> = {
  name: 'sn2',
  versionKey: SN2_WEIGHTS_VERSION,
  options: SN2_OPTIONS,
  checkConfig: circuitFlagProblem,
  createMiner: createSn2Miner,
  createValidator: createSn2Validator,
};
