import type { OptionSchema, OptionsOf } from '../config/defineOptions.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { MinerHooks } from './minerPlugin.js';
import type { PluginContext } from './pluginContext.js';
import type { Reward, ValidatorHooks } from './validatorPlugin.js';

/**
 * What a subnet package (packages/sn2, sn24, …) hands the runtime. The runtime owns wallets, chain,
 * axon, dendrite, metagraph, scores, weights, state, logs, metrics and events; the plug-in owns the
 * subnet's protocol: which synapses a miner answers (or what it publishes), how a validator finds
 * its candidates, asks and scores.
 *
 * `S` is the options schema (`defineOptions`); `D`, `A`, `G` are the dendrite, axon and guards the
 * runtime's ports make (`defaultRuntime`: @taonode/transport's).
 */
export interface SubnetPlugin<S extends OptionSchema = OptionSchema, D = unknown, A = unknown, G = unknown> {
  /** Short id used in logs, metrics, the registry (`config/subnets.json`) and `taonode demo` (`test`, `sn2`, …). */
  name: string;
  /** Sent with every set_weights/commit; bump it when scoring changes (the chain rejects older keys). */
  versionKey: number;
  /** The subnet's own options, declared once: flags, `--help` lines and the typed `ctx.options`. */
  options?: S;
  /**
   * What option types cannot check (a list of names, a flag that needs another), run once the config
   * has loaded and before anything connects: a returned message stops the daemon with a usage error.
   */
  checkConfig?(config: NeuronConfig, options: OptionsOf<S>): string | undefined;
  /**
   * Seconds one validator step may take before `/healthz` calls the validator stale (default: ten
   * dendrite timeouts plus ten minutes). A subnet whose step evaluates a model for two hours says so.
   */
  stepBudgetSeconds?: number;
  /** Set by `pendingSubnet`: the package has not landed; its apps say so and exit 78. */
  pending?: string;
  /** Whether the validator serves an axon of its own (e.g. a user gateway); default false. */
  validatorServesAxon?: boolean;
  createMiner?(
    ctx: PluginContext<OptionsOf<S>>,
  ): Promise<MinerHooks<A, G, OptionsOf<S>>> | MinerHooks<A, G, OptionsOf<S>>;
  createValidator?(ctx: PluginContext<OptionsOf<S>>): Promise<AnyValidatorHooks<D>> | AnyValidatorHooks<D>;
}

/**
 * A validator's hooks whatever its round, result, score-state and candidate types: those stay the
 * plug-in's business (method parameters are checked bivariantly, so a concrete ValidatorHooks fits).
 */
export type AnyValidatorHooks<D> = ValidatorHooks<D, unknown, Reward, unknown, unknown>;

/** Identity with inference: `export const sn2 = defineSubnet({ … })` keeps the options typed. */
export function defineSubnet<S extends OptionSchema = OptionSchema, D = unknown, A = unknown, G = unknown>(
  plugin: SubnetPlugin<S, D, A, G>,
): SubnetPlugin<S, D, A, G> {
  return plugin;
}
