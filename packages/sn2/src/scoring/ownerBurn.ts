import type { WeightVector } from '@taonode/neuron';

/** subnet-2 @ a3ce328 (spec §4.5): the owner's uid gets 0.8, every miner weight is multiplied by 0.2. */
export const OWNER_BURN_SHARE = 0.8;

/**
 * Routes `share` of the weight to the subnet owner's uid the way the reference does: miner weights
 * are scaled by (1 − share) and the owner's entry is set to `share` (the chain normalizes the row).
 * Unchanged when `share` is 0 or the owner's hotkey holds no uid.
 */
export function burnToOwner(w: WeightVector, ownerUid: number | undefined, share: number): WeightVector {
  if (share <= 0 || ownerUid === undefined) return w;
  const entries = w.uids
    .map((uid, i) => [uid, w.weights[i]! * (1 - share)] as const)
    .filter(([uid]) => uid !== ownerUid);
  entries.push([ownerUid, share]);
  entries.sort((a, b) => a[0] - b[0]);
  return { uids: entries.map(([uid]) => uid), weights: entries.map(([, weight]) => weight) };
}
