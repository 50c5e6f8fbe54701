/** The constants of the two-pool weighting (spec §5.5, the reference at HEAD). */
export interface PoolWeightOptions {
  /** Models strictly above the baseline that share `aboveShare` (PLAYERS_IN_ABOVE_BASELINE). */
  aboveCount: number;
  /** Models at or below the baseline with a positive score that share the rest. */
  belowCount: number;
  aboveShare: number;
  /** softmax(s / temperature) in the above pool. */
  temperature: number;
  /** softmax(reputationMix · r + scoreMix · s) in the below pool. */
  reputationMix: number;
  scoreMix: number;
  /** Receives the above pool's share when no model beats the baseline. */
  burnUid: number;
}

export const DEFAULT_POOL_OPTIONS: PoolWeightOptions = {
  aboveCount: 3,
  belowCount: 10,
  aboveShare: 0.75,
  temperature: 0.01,
  reputationMix: 0.7,
  scoreMix: 0.3,
  burnUid: 111,
};

export interface ScoredUid {
  uid: number;
  score: number;
  reputation: number;
  /** Whether the model beat the baseline evaluated on its rows. */
  beatsBaseline: boolean;
  /** Commitment block: the earlier model ranks first among equal scores. */
  block: number;
}

function softmax(xs: readonly number[]): number[] {
  const max = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/**
 * Weights over `n` uids from the two pools (spec §5.5): sort by score (ties: earlier commitment, then
 * lower uid); the first `aboveCount` that beat the baseline share 75 % by softmax(s/0.01); of the
 * rest, the `belowCount` best with a positive score share 25 % by softmax(0.7 r + 0.3 s); with no
 * model above the baseline the 75 % go to `burnUid`. The result is normalised to sum 1 (an empty
 * below pool leaves the above pool — or the burn uid — 100 %).
 */
export function poolWeights(
  n: number,
  scored: readonly ScoredUid[],
  options: Partial<PoolWeightOptions> = {},
): Float64Array {
  const o = { ...DEFAULT_POOL_OPTIONS, ...options };
  if (!Number.isInteger(o.burnUid) || o.burnUid < 0 || o.burnUid >= n) {
    throw new RangeError(`burn uid ${o.burnUid} is not a uid of this ${n}-uid subnet`);
  }
  const w = new Float64Array(n);
  const ranked = scored
    .filter((s) => s.uid >= 0 && s.uid < n && Number.isFinite(s.score))
    .sort((a, b) => b.score - a.score || a.block - b.block || a.uid - b.uid);
  const above = ranked.filter((s) => s.beatsBaseline).slice(0, o.aboveCount);
  const taken = new Set(above.map((s) => s.uid));
  const below = ranked.filter((s) => !taken.has(s.uid) && s.score > 0).slice(0, o.belowCount);
  if (above.length > 0) {
    softmax(above.map((s) => s.score / o.temperature)).forEach((p, i) => {
      w[above[i]!.uid]! += o.aboveShare * p;
    });
  } else {
    w[o.burnUid]! += o.aboveShare;
  }
  if (below.length > 0) {
    softmax(below.map((s) => o.reputationMix * s.reputation + o.scoreMix * s.score)).forEach((p, i) => {
      w[below[i]!.uid]! += (1 - o.aboveShare) * p;
    });
  }
  const sum = w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) w[i]! /= sum;
  return w;
}
