/**
 * Epoch arithmetic of runtimes before the stateful epoch counter (≤ v3.4.7, incl. the local
 * spec 293): an epoch ends where `(block + netuid + 1) mod (tempo + 1) == 0`.
 */
export function epochIndexAt(block: number, netuidIndex: number, tempo: number): number {
  return Math.floor((block + netuidIndex + 1) / (tempo + 1));
}

/** First block of epoch `epoch`. */
export function epochStartBlock(epoch: number, netuidIndex: number, tempo: number): number {
  return Math.max(0, epoch * (tempo + 1) - (netuidIndex + 1));
}

/**
 * Blocks (inclusive) in which a hash commit made at `commitBlock` may be revealed: the whole epoch
 * `commit_epoch + revealPeriod`.
 */
export function revealWindow(
  commitBlock: number,
  netuidIndex: number,
  tempo: number,
  revealPeriod: number,
): { fromBlock: number; untilBlock: number; commitEpoch: number } {
  const commitEpoch = epochIndexAt(commitBlock, netuidIndex, tempo);
  const revealEpoch = commitEpoch + revealPeriod;
  return {
    commitEpoch,
    fromBlock: epochStartBlock(revealEpoch, netuidIndex, tempo),
    untilBlock: epochStartBlock(revealEpoch + 1, netuidIndex, tempo) - 1,
  };
}
