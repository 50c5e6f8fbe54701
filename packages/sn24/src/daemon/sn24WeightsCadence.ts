import type { WeightsCadence } from '@taonode/neuron';
import { shouldSetWeights } from '../scoring/weights.js';

/**
 * Spec §5.1 step 5: weights once more than `epochLength` blocks (reference 100) passed since the
 * last update, and never inside the chain's own WeightsSetRateLimit — instead of the runtime's
 * default of once per tempo (360 on SN24's mainnet).
 */
export function sn24WeightsCadence(epochLength: number): WeightsCadence {
  return ({ block, mg, lastSet }) => {
    const rateLimited = lastSet > 0 && block - lastSet < mg.weightsRateLimit;
    if (lastSet === 0 || (shouldSetWeights(block, lastSet, epochLength) && !rateLimited))
      return { due: true };
    const retryAtBlock = lastSet + Math.max(epochLength + 1, mg.weightsRateLimit);
    return {
      due: false,
      reason: `SN24: set at block ${lastSet}; next after more than ${epochLength} blocks (chain rate limit ${mg.weightsRateLimit})`,
      retryAtBlock,
    };
  };
}
