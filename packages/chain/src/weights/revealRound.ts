import { netuidIndex } from './commitHash.js';

/** drand quicknet, the beacon subtensor's timelocked commits are keyed to. */
export const DRAND_QUICKNET = {
  genesisTime: 1692803367,
  periodSeconds: 3,
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
} as const;

export interface RevealRoundParams {
  currentBlock: number;
  netuid: number;
  mecid?: number;
  tempo: number;
  /** `RevealPeriodEpochs[netuid]`. */
  revealPeriod: number;
  /** Unix time in seconds (fractions allowed) when the commit is made. */
  nowSeconds: number;
  /** Seconds per block; mainnet 12. */
  blockTimeSeconds?: number;
}

/**
 * The drand round a CRv4 commit is encrypted to (bittensor-drand's formula, legacy epoch maths):
 * three blocks into the first block of epoch `current + revealPeriod`, converted to wall time.
 */
export function revealRound(p: RevealRoundParams): {
  revealRound: number;
  revealEpoch: number;
  targetBlock: number;
} {
  const idx = netuidIndex(p.netuid, p.mecid);
  const tempoPlusOne = p.tempo + 1;
  const currentEpoch = Math.floor((p.currentBlock + idx + 1) / tempoPlusOne);
  const revealEpoch = currentEpoch + p.revealPeriod;
  const firstRevealBlock = revealEpoch * tempoPlusOne - (idx + 1);
  const targetBlock = firstRevealBlock + 3;
  const secs = (targetBlock - p.currentBlock) * (p.blockTimeSeconds ?? 12);
  const round = Math.floor((p.nowSeconds + secs - DRAND_QUICKNET.genesisTime) / DRAND_QUICKNET.periodSeconds);
  return { revealRound: Math.max(1, round), revealEpoch, targetBlock };
}
