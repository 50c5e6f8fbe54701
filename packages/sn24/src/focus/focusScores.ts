import { combineWeights, rewardShares } from '../scoring/weights.js';

/** A purchase that passed every on-chain check. */
export interface VerifiedPurchase {
  hotkey: string;
  /** The price, rao. */
  amountRao: bigint;
  /** Block of the payment. */
  blockNumber: number;
}

/**
 * Spec §5.7 Focus score: each hotkey's share of all TAO spent on verified purchases in the window
 * (payments in the last `windowBlocks` blocks), as one number per uid of `hotkeys`.
 */
export function focusScores(
  purchases: readonly VerifiedPurchase[],
  hotkeys: readonly string[],
  opts: { head: number; windowBlocks: number },
): number[] {
  const perHotkey = new Map<string, bigint>();
  let total = 0n;
  for (const p of purchases) {
    if (opts.head - p.blockNumber > opts.windowBlocks) continue;
    perHotkey.set(p.hotkey, (perHotkey.get(p.hotkey) ?? 0n) + p.amountRao);
    total += p.amountRao;
  }
  if (total === 0n) return hotkeys.map(() => 0);
  return hotkeys.map((h) => Number(perHotkey.get(h) ?? 0n) / Number(total));
}

/**
 * Spec §5.7 weighting: `L1(base)·(1 − share) + L1(focus)·share`, per uid. `base` is the YouTube
 * score vector (the moving average), `focus` from `focusScores`, `share` the Focus share.
 */
export function withFocusShare(base: readonly number[], focus: readonly number[], share: number): number[] {
  return combineWeights({ youtube: base, focus, audio: [] }, rewardShares(share, 0), base.length);
}
