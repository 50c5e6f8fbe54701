import { type AxonGuards, defineSubnet, type NeuronConfig } from '@taonode/neuron';
import type { Axon, Dendrite } from '@taonode/transport';
import { SPEC_VERSION } from '../constants.js';
import { FocusError } from '../focus/focusError.js';
import { focusSettings } from '../focus/focusOptions.js';
import { createSn24Miner } from './createSn24Miner.js';
import { createSn24Validator } from './createSn24Validator.js';
import { modelSource } from './daemonModelOptions.js';
import { sn24Setup } from './setupFailure.js';
import { type Sn24Options, sn24Options } from './sn24Options.js';
import { Sn24SettingsError, sn24Settings } from './sn24Settings.js';

/**
 * The SN24 flag combinations plain option types cannot check (a folder source without its folder,
 * no models configured, a repo without a commit), for the runtime's start-up check: refused as a
 * usage error before the daemon connects anywhere.
 */
function sn24ConfigProblem(config: NeuronConfig, options: Sn24Options): string | undefined {
  try {
    const s = sn24Settings(options, config.neuron.stateDir);
    if (config.role === 'validator') focusSettings(options);
    if (!s.testModels && s.modelConfig === undefined) {
      modelSource('imagebind', s);
      if (config.role === 'validator') for (const m of ['gte', 'unstuffer'] as const) modelSource(m, s);
    }
    return undefined;
  } catch (err) {
    return err instanceof Sn24SettingsError || err instanceof FocusError ? err.message : undefined;
  }
}

/** SN24 (OMEGA multimodal dataset) as a neuron-runtime plug-in; weights carry version key 2000. */
export const sn24Plugin = defineSubnet<typeof sn24Options, Dendrite, Axon, AxonGuards>({
  name: 'sn24',
  versionKey: SPEC_VERSION,
  options: sn24Options,
  checkConfig: sn24ConfigProblem,
  createMiner: (ctx) => sn24Setup('miner', () => createSn24Miner(ctx)),
  createValidator: (ctx) => sn24Setup('validator', () => createSn24Validator(ctx)),
});
