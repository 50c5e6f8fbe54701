/**
 * A subnet's miner side. The runtime builds the axon and the guards (blacklist from the cached
 * metagraph, priority by stake, already in the axon's hook shape); the plug-in attaches each of its
 * synapses with its own forward function and the runtime's guards:
 *
 *   attach(axon, guards) { axon.attach(Dummy, { forward: answer, ...guards }); }
 */
export interface MinerHooks<A = unknown, G = unknown> {
  attach(axon: A, guards: G): void;
  close?(): Promise<void>;
}
