import type { WeightsCadence } from '@taonode/neuron';

/** The reference's weight-setting constants (spec §4.5). */
export const WEIGHT_RATE_LIMIT = 100;
export const WEIGHT_UPDATE_BUFFER = 15;
export const EPOCH_TEMPO = 360;

/** `epoch = (block + netuid + 1) // (tempo + 1)` (spec §4.5, with the reference's tempo 360). */
export function epochOf(block: number, netuid: number, tempo = EPOCH_TEMPO): number {
  return Math.floor((block + netuid + 1) / (tempo + 1));
}

/** `blocks_until_next = tempo − (block + netuid + 1) % (tempo + 1)`: 0 on the epoch's last block. */
export function blocksUntilNextEpoch(block: number, netuid: number, tempo = EPOCH_TEMPO): number {
  return tempo - ((block + netuid + 1) % (tempo + 1));
}

export interface Sn2WeightRules {
  /** Blocks since the last update before weights may go again; the chain's own limit wins if longer. */
  rateLimit: number;
  /** Weights only this close (in blocks) to the next epoch boundary. */
  updateBuffer: number;
  /** Epoch length for the window; undefined = the subnet's tempo read from the chain. */
  tempo?: number;
}

/**
 * SN2's rule (§4.5): at least `rateLimit` blocks since the last update and at most `updateBuffer`
 * blocks before the next epoch boundary, so the weights land just before the epoch that uses them.
 */
export function sn2WeightsCadence(rules: Sn2WeightRules): WeightsCadence {
  return ({ block, mg, lastSet }) => {
    const rateLimit = Math.max(rules.rateLimit, mg.weightsRateLimit);
    if (block - lastSet < rateLimit) {
      return {
        due: false,
        reason: `SN2: set at block ${lastSet}; next after ${rateLimit} blocks`,
        retryAtBlock: lastSet + rateLimit,
      };
    }
    const tempo = rules.tempo ?? mg.tempo;
    const until = blocksUntilNextEpoch(block, mg.netuid, tempo);
    if (until > rules.updateBuffer) {
      return {
        due: false,
        reason: `SN2: ${until} blocks to the epoch boundary (tempo ${tempo}); weights only in the last ${rules.updateBuffer}`,
        retryAtBlock: block + until - rules.updateBuffer,
      };
    }
    return { due: true };
  };
}
