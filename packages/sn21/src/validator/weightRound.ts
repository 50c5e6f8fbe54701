import { type Sn21State, stateWeights, updateReputations } from '../scoring/scoreState.js';

/**
 * One weight round (once per tempo): every scored model moves its hotkey's reputation one EMA step
 * (beat the baseline or not, spec §5.5), then the two-pool weights over `n` uids are computed from
 * the state. Returns both; persist the state with the weights.
 */
export function sn21WeightRound(
  state: Sn21State,
  n: number,
  options: { burnUid: number },
): { state: Sn21State; weights: Float64Array } {
  const next = updateReputations(state);
  return { state: next, weights: stateWeights(next, n, { burnUid: options.burnUid }) };
}
