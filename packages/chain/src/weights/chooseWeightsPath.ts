import { ChainError } from '../errors/chainError.js';
import { TimelockUnavailableError } from './errors.js';
import type { WeightsParams } from './getWeightsParams.js';

/** How `submitWeights` sends weights: `auto` follows the subnet's hyperparameters. */
export type WeightsMode = 'auto' | 'set' | 'commit-reveal' | 'timelocked';

/**
 * set_weights, hash commit-reveal (v2) or a timelocked (drand) commit for these hyperparameters.
 * With commit-reveal on, a runtime that versions it (CRv3/CRv4) or lacks the hash calls only counts
 * timelocked commits: a hash commit there would be accepted and never take effect.
 */
export function chooseWeightsPath(
  params: Pick<WeightsParams, 'netuid' | 'commitRevealEnabled' | 'commitRevealVersion' | 'supports'>,
  mode: WeightsMode,
): 'set' | 'commit-reveal' | 'timelocked' {
  const details = { netuid: params.netuid, commitRevealVersion: params.commitRevealVersion };
  if (mode === 'set' || (mode === 'auto' && !params.commitRevealEnabled)) return 'set';
  if (mode === 'commit-reveal') {
    if (params.supports.hashCommitReveal) return 'commit-reveal';
    throw new TimelockUnavailableError(
      `this runtime has no hash commit-reveal (commit_weights); subnet ${params.netuid} takes timelocked commits`,
      details,
    );
  }
  const timelockedOnly = params.commitRevealVersion !== undefined || !params.supports.hashCommitReveal;
  if (mode === 'auto' && !timelockedOnly) return 'commit-reveal';
  if (params.supports.timelocked) return 'timelocked';
  throw new TimelockUnavailableError(`this runtime offers no timelocked weight commits`, details);
}

/** The runtime's version-key rule (§3.5), checked before anything is sent. */
export function checkVersionKey(params: WeightsParams, versionKey: bigint): void {
  if (params.weightsVersionKey !== 0n && versionKey < params.weightsVersionKey) {
    throw new ChainError(
      'IncorrectWeightVersionKey',
      `version key ${versionKey} is below subnet ${params.netuid}'s WeightsVersionKey ${params.weightsVersionKey}`,
      {
        pallet: 'SubtensorModule',
        hint: 'Upgrade the validator to the version the subnet requires (or pass its version key).',
        details: {
          netuid: params.netuid,
          versionKey: versionKey.toString(),
          required: params.weightsVersionKey.toString(),
        },
      },
    );
  }
}
