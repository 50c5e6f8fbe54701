import type { AxonEndpoint, NeuronMetagraph } from '../chainPort/types.js';

export interface MinerTarget {
  uid: number;
  hotkey: string;
  axon: AxonEndpoint;
}

/** Uids that serve an axon, minus `exclude` (the validator itself). */
export function servingMiners(mg: NeuronMetagraph, exclude: number | undefined): MinerTarget[] {
  const out: MinerTarget[] = [];
  mg.axons.forEach((axon, uid) => {
    if (uid === exclude || axon.port === 0 || axon.ip === '0.0.0.0' || axon.ip === '') return;
    out.push({ uid, hotkey: mg.hotkeys[uid]!, axon });
  });
  return out;
}

/** Uniform sample without replacement (partial Fisher–Yates); `random` is injectable for tests. */
export function sampleMiners(
  miners: readonly MinerTarget[],
  size: number,
  random: () => number = Math.random,
): MinerTarget[] {
  const pool = [...miners];
  const k = Math.min(size, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}
