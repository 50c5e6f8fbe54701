import type { Logger } from 'pino';
import type { NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { MinerTarget } from '../validator/sampleMiners.js';
import type { WeightsCadence } from '../validator/weightsSchedule.js';

export interface Reward {
  uid: number;
  /** 0..1; anything else (negative, NaN) counts as 0. */
  reward: number;
}

export interface ForwardContext<D> {
  step: number;
  /** Miners sampled for this step (size `--neuron.sample_size`, serving axons only, never itself). */
  miners: readonly MinerTarget[];
  /** Signed client for the miners; query with `config.neuron.timeoutSeconds`. */
  dendrite: D;
  metagraph: NeuronMetagraph;
  config: NeuronConfig;
  signal: AbortSignal;
  logger: Logger;
}

/**
 * A subnet's validator side: `forward` asks the sampled miners (through the dendrite it is given),
 * `score` turns that round into one reward per uid. The runtime does everything else.
 */
export interface WeightVector {
  uids: number[];
  weights: number[];
}

export interface ValidatorHooks<D, Round> {
  forward(ctx: ForwardContext<D>): Promise<Round>;
  score(round: Round, ctx: ForwardContext<D>): Promise<Reward[]> | Reward[];
  /** When weights may go out; default once per tempo (see weightsSchedule.ts). */
  weightsCadence?: WeightsCadence;
  /** Last say over the weights before they are sent (e.g. a share routed to the subnet owner). */
  finalizeWeights?(weights: WeightVector, mg: NeuronMetagraph): WeightVector;
  close?(): Promise<void>;
}
