import type { Logger } from 'pino';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { OptionSpec } from '../config/options.js';
import type { MinerHooks } from './minerPlugin.js';
import type { ValidatorHooks } from './validatorPlugin.js';

export interface PluginContext {
  config: NeuronConfig;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * What a subnet package (packages/sn2, sn24, …) hands the runtime. The runtime owns wallets, chain,
 * axon, dendrite, metagraph, scores, weights, state, logs and metrics; the plug-in owns only the
 * subnet's protocol: which synapses a miner answers and how a validator asks and scores.
 */
export interface SubnetPlugin<D, Round = unknown, A = unknown, G = unknown> {
  /** Short id used in logs, metrics and `taonode demo` (`test`, `sn2`, …). */
  name: string;
  /** Sent with every set_weights/commit; bump it when scoring changes (the chain rejects older keys). */
  versionKey: number;
  /** The subnet's own `--neuron.*` options (validated with everything else at start). */
  options?: readonly OptionSpec[];
  /**
   * What option types cannot check (a list of names, a flag that needs another), run once the config
   * has loaded and before anything connects: a returned message stops the daemon with a usage error.
   */
  checkConfig?(config: NeuronConfig): string | undefined;
  createMiner?(ctx: PluginContext): Promise<MinerHooks<A, G>> | MinerHooks<A, G>;
  createValidator?(ctx: PluginContext): Promise<ValidatorHooks<D, Round>> | ValidatorHooks<D, Round>;
}
