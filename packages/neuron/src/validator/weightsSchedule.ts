import type { NeuronMetagraph } from '../chainPort/types.js';
import type { WeightsRecord } from './validatorState.js';

export type WeightsDecision = { due: true } | { due: false; reason: string; retryAtBlock: number };

/**
 * Once per tempo and never inside the chain's rate-limit window. "Last set" is the later of what this
 * validator recorded and the chain's own LastUpdate, so a restart (or a submission whose reply was lost
 * to a dropped websocket) cannot send the same weights twice.
 */
export function weightsDecision(args: {
  block: number;
  mg: NeuronMetagraph;
  ownUid: number;
  last: WeightsRecord | null;
  /** After a chain rejection, do not retry before this block. */
  backoffUntilBlock: number;
}): WeightsDecision {
  const { block, mg, ownUid, last } = args;
  const chainLast = mg.lastUpdate[ownUid] ?? 0;
  const lastSet = Math.max(last?.block ?? 0, chainLast);
  const everySet = Math.max(mg.tempo, mg.weightsRateLimit, 1);
  if (block < args.backoffUntilBlock) {
    return {
      due: false,
      reason: 'backing off after a chain rejection',
      retryAtBlock: args.backoffUntilBlock,
    };
  }
  if (lastSet > 0 && block - lastSet < everySet) {
    return {
      due: false,
      reason: `set at block ${lastSet}; next after ${everySet} blocks (tempo ${mg.tempo}, rate limit ${mg.weightsRateLimit})`,
      retryAtBlock: lastSet + everySet,
    };
  }
  return { due: true };
}
