import { defineSubnet, type NeuronConfig } from '@taonode/neuron';
import { createSn21Miner } from './createSn21Miner.js';
import { createSn21Validator, SN21_STEP_BUDGET_S } from './createSn21Validator.js';
import { type Sn21Options, sn21Options } from './sn21Options.js';
import { minerModel, Sn21SettingsError, validatorSources } from './sn21Settings.js';
import { sn21Setup } from './sn21Setup.js';

/** Sent with weights; bump when scoring changes. */
export const SN21_VERSION_KEY = 21_001;

/** The flag combinations option types cannot check, refused before the daemon connects anywhere. */
function sn21ConfigProblem(config: NeuronConfig, options: Sn21Options): string | undefined {
  try {
    if (config.role === 'miner') minerModel(options);
    else validatorSources(options);
    return undefined;
  } catch (err) {
    if (err instanceof Sn21SettingsError) return err.message;
    throw err;
  }
}

/**
 * SN21 (OMEGA any-to-any) as a neuron-runtime plug-in: no axon traffic. The miner publishes and
 * keeps committed a pointer to its model; the validator evaluates every committed model (ONNX only)
 * and weights them with the two-pool rule.
 */
export const sn21Plugin = defineSubnet<typeof sn21Options>({
  name: 'sn21',
  versionKey: SN21_VERSION_KEY,
  options: sn21Options,
  checkConfig: sn21ConfigProblem,
  stepBudgetSeconds: SN21_STEP_BUDGET_S,
  createMiner: (ctx) => createSn21Miner(ctx),
  createValidator: (ctx) => sn21Setup('validator', () => createSn21Validator(ctx)),
});
