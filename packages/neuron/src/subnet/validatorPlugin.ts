import type { Logger } from 'pino';
import type { NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { Reward, ScoringStrategy, WeightVector } from '../scoring/scoringStrategy.js';
import type { MinerTarget } from '../validator/sampleMiners.js';
import type { WeightsCadence } from '../validator/weightsSchedule.js';
import type { PluginChain } from './pluginContext.js';

export type { Reward, WeightVector } from '../scoring/scoringStrategy.js';

/** What `candidates`, `forward` and `score` see each step. */
export interface StepContext<D, C = MinerTarget> {
  step: number;
  /** This step's candidates: by default the sampled serving miners (`--neuron.sample_size`, never itself). */
  miners: readonly C[];
  /** Signed client for the miners' axons; absent when the plug-in said `dendrite: false`. */
  dendrite: D;
  metagraph: NeuronMetagraph;
  /** This validator's uid. */
  uid: number;
  config: NeuronConfig;
  /** Aborted when the daemon stops: long work should pass it on and give up. */
  signal: AbortSignal;
  logger: Logger;
  chain: PluginChain;
}

/** The default candidates: serving miners, sampled. What a plug-in's own `candidates` may start from. */
export type CandidateContext = Omit<StepContext<unknown, never>, 'miners' | 'dendrite'> & {
  /** Serving miners (never this validator), sampled to `--neuron.sample_size`. */
  sampled: readonly MinerTarget[];
};

/**
 * A subnet's validator side: `forward` does the step's work (ask miners through the dendrite, or
 * evaluate published models for hours), `score` turns it into one reward per uid. The runtime
 * owns the rest: metagraph, the scores (through `scoring`), their persistence, weights, health.
 * `Result` may carry what the strategy needs beyond the reward (SN2: circuit, verified, time).
 */
export interface ValidatorHooks<D, Round, Result extends Reward = Reward, S = unknown, C = MinerTarget> {
  /** How rewards become scores and weights; default the moving average with `--neuron.moving_average_alpha`. */
  scoring?: ScoringStrategy<S, Result>;
  /** Who this step is about; default the sampled serving miners. An empty list skips the step's work. */
  candidates?(ctx: CandidateContext): Promise<readonly C[]> | readonly C[];
  forward(ctx: StepContext<D, C>): Promise<Round>;
  score(round: Round, ctx: StepContext<D, C>): Promise<readonly Result[]> | readonly Result[];
  /** When weights may go out; default once per tempo (see weightsSchedule.ts). */
  weightsCadence?: WeightsCadence;
  /** Last say over the weights before they are sent (e.g. a share routed to the subnet owner). */
  finalizeWeights?(weights: WeightVector, mg: NeuronMetagraph): WeightVector;
  /**
   * A validator that serves synapses of its own (a user gateway) attaches them here, as a miner
   * does; the runtime serves and posts the axon (needs `validatorServesAxon` on the plug-in).
   */
  attach?(axon: unknown, guards: unknown): void;
  close?(): Promise<void>;
}
