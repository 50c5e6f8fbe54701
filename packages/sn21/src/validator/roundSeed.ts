/**
 * The block that seeds the evaluation round containing `currentBlock`: the first block of its
 * window of `roundBlocks`. Every validator in the same window draws the same rows (same hash) and
 * so gives the same model the same score.
 */
export function seedBlockOf(currentBlock: number, roundBlocks: number): number {
  if (!Number.isInteger(roundBlocks) || roundBlocks < 1)
    throw new RangeError('roundBlocks must be a positive integer');
  return currentBlock - (currentBlock % roundBlocks);
}
