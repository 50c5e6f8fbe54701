/**
 * The block that seeds the evaluation round containing `currentBlock`: the first block of its
 * window of `roundBlocks`. Every validator in the same window draws the same rows (same hash) and
 * so gives the same model the same score. The genesis block carries no timestamp (a young chain,
 * a local one), so the first window starts at block 1.
 */
export function seedBlockOf(currentBlock: number, roundBlocks: number): number {
  if (!Number.isInteger(roundBlocks) || roundBlocks < 1)
    throw new RangeError('roundBlocks must be a positive integer');
  return Math.max(Math.min(currentBlock, 1), currentBlock - (currentBlock % roundBlocks));
}
