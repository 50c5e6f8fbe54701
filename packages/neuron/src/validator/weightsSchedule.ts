import type { NeuronMetagraph } from '../chainPort/types.js';
import type { WeightsRecord } from '../state/stateFile.js';

export type WeightsDecision = { due: true } | { due: false; reason: string; retryAtBlock: number };

/**
 * A subnet's rule for when weights may go out, given the later of this validator's own record and
 * the chain's LastUpdate (0 when never set). The runtime applies its backoff before asking.
 */
export type WeightsCadence = (args: {
  block: number;
  mg: NeuronMetagraph;
  lastSet: number;
}) => WeightsDecision;

/** The runtime's default: once per tempo, never inside the chain's rate-limit window. */
export const oncePerTempo: WeightsCadence = ({ block, mg, lastSet }) => {
  const everySet = Math.max(mg.tempo, mg.weightsRateLimit, 1);
  if (lastSet > 0 && block - lastSet < everySet) {
    return {
      due: false,
      reason: `set at block ${lastSet}; next after ${everySet} blocks (tempo ${mg.tempo}, rate limit ${mg.weightsRateLimit})`,
      retryAtBlock: lastSet + everySet,
    };
  }
  return { due: true };
};

/**
 * Whether to set weights now. "Last set" is the later of what this validator recorded and the
 * chain's own LastUpdate, so a restart (or a submission whose reply was lost to a dropped websocket)
 * cannot send the same weights twice. `cadence` defaults to once per tempo.
 */
export function weightsDecision(args: {
  block: number;
  mg: NeuronMetagraph;
  ownUid: number;
  last: WeightsRecord | null;
  /** After a chain rejection, do not retry before this block. */
  backoffUntilBlock: number;
  cadence?: WeightsCadence;
}): WeightsDecision {
  const { block, mg, ownUid, last } = args;
  if (block < args.backoffUntilBlock) {
    return {
      due: false,
      reason: 'backing off after a chain rejection',
      retryAtBlock: args.backoffUntilBlock,
    };
  }
  const lastSet = Math.max(last?.block ?? 0, mg.lastUpdate[ownUid] ?? 0);
  return (args.cadence ?? oncePerTempo)({ block, mg, lastSet });
}
