import { netuidIndex } from './commitHash.js';
import { revealWindow } from './epoch.js';
import type { OnChainCommit } from './getWeightCommits.js';
import type { WeightsParams } from './getWeightsParams.js';
import type { PendingReveal } from './pendingReveals.js';

/** Store fields for a commit the chain holds: its block and reveal window (the chain's own, else computed). */
export function committedPatch(
  found: OnChainCommit,
  entry: Pick<PendingReveal, 'netuid' | 'mecid' | 'revealPeriodEpochs'>,
  params: WeightsParams,
): Partial<PendingReveal> & { status: 'committed' } {
  const period = entry.revealPeriodEpochs ?? params.revealPeriodEpochs;
  const computed =
    found.revealFromBlock === undefined && !params.supports.epochCounter
      ? revealWindow(found.commitBlock, netuidIndex(entry.netuid, entry.mecid), params.tempo, period)
      : undefined;
  const from = found.revealFromBlock ?? computed?.fromBlock;
  const until = found.revealUntilBlock ?? computed?.untilBlock;
  return {
    status: 'committed',
    commitBlock: found.commitBlock,
    ...(from === undefined ? {} : { revealFromBlock: from }),
    ...(until === undefined ? {} : { revealUntilBlock: until }),
    ...(found.commitEpoch === undefined ? {} : { commitEpoch: found.commitEpoch }),
  };
}
