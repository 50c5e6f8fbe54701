import type { MetagraphCache } from '../chainPort/metagraphCache.js';

export interface CallerPolicy {
  minStake: number;
  forceValidatorPermit: boolean;
  allowNonRegistered: boolean;
  /** `--neuron.disable_blacklist`: everyone is let in. */
  disabled?: boolean;
}

export type CallerVerdict = { allow: true; uid: number | undefined } | { allow: false; reason: string };

/**
 * The miner's blacklist, from the cached metagraph only (no chain round trip per request). It runs on
 * the caller's claimed hotkey; the axon verifies the signature on that hotkey afterwards.
 */
export function judgeCaller(
  cache: MetagraphCache,
  hotkey: string | undefined,
  policy: CallerPolicy,
): CallerVerdict {
  const uid = hotkey ? cache.uidOf(hotkey) : undefined;
  if (policy.disabled) return { allow: true, uid };
  if (!hotkey) return { allow: false, reason: 'Missing dendrite hotkey' };
  const mg = cache.value;
  if (mg === undefined || uid === undefined) {
    return policy.allowNonRegistered
      ? { allow: true, uid: undefined }
      : { allow: false, reason: `Unrecognized hotkey ${hotkey}` };
  }
  if (policy.forceValidatorPermit && !mg.validatorPermit[uid]) {
    return { allow: false, reason: `Non-validator hotkey ${hotkey} (uid ${uid})` };
  }
  const stake = mg.stake[uid] ?? 0;
  if (stake < policy.minStake) {
    return {
      allow: false,
      reason: `Stake ${stake} alpha of uid ${uid} is below the minimum ${policy.minStake} alpha (--blacklist.min_stake)`,
    };
  }
  return { allow: true, uid };
}

/** Higher stake is served first (bittensor-subnet-template convention). */
export function callerPriority(cache: MetagraphCache, hotkey: string | undefined): number {
  if (!hotkey) return 0;
  const uid = cache.uidOf(hotkey);
  return uid === undefined ? 0 : (cache.value?.stake[uid] ?? 0);
}
