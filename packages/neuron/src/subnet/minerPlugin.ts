import type { PluginContext } from './pluginContext.js';

/**
 * A subnet's miner side. Two shapes, either or both:
 * - `attach`: the runtime builds the axon with its guards (blacklist from the cached metagraph,
 *   priority by stake, already in the axon's hook shape), the plug-in attaches each synapse with its
 *   own forward function: `attach(axon, guards) { axon.attach(Dummy, { forward: answer, ...guards }); }`.
 *   The runtime serves it and posts its address on chain.
 * - `run`: the miner's own work (publish a model, commit a pointer, watch it), one round per call:
 *   the runtime calls it again after the seconds it returns (default 60) until the daemon stops
 *   (`ctx.signal`); a round that throws is logged and retried after a backoff. Keep what must
 *   survive a restart in `ctx.state` slots.
 * A miner without `attach` starts no axon and posts nothing on chain.
 */
export interface MinerHooks<A = unknown, G = unknown, O = unknown> {
  attach?(axon: A, guards: G): void;
  run?(ctx: PluginContext<O>): Promise<number | undefined>;
  close?(): Promise<void>;
}
