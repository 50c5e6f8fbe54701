import type { AxonGuards, SubnetPlugin } from '@taonode/neuron';
import type { Axon, Dendrite } from '@taonode/transport';
import { SPEC_VERSION } from '../constants.js';
import { createSn24Miner } from './createSn24Miner.js';
import { createSn24Validator } from './createSn24Validator.js';
import { sn24Setup } from './setupFailure.js';
import { SN24_OPTIONS } from './sn24Options.js';
import type { Sn24Round } from './videoRound.js';

/** SN24 (OMEGA multimodal dataset) as a neuron-runtime plug-in; weights carry version key 2000. */
export const sn24Plugin: SubnetPlugin<Dendrite, Sn24Round, Axon, AxonGuards> = {
  name: 'sn24',
  versionKey: SPEC_VERSION,
  options: SN24_OPTIONS,
  createMiner: (ctx) => sn24Setup('miner', () => createSn24Miner(ctx)),
  createValidator: (ctx) => sn24Setup('validator', () => createSn24Validator(ctx)),
};
