import { describe, expect, it } from 'vitest';
import { buildModelCommitment, formatModelCommitment } from '../commitment/modelCommitment.js';
import {
  emptySn21State,
  recordFailure,
  recordScore,
  reputationsForEpoch,
  type Sn21State,
  stateWeights,
  syncCommitments,
} from '../scoring/scoreState.js';
import { resolveBurnUid, sn21Rewards, sn21ScoringStrategy } from './sn21Scoring.js';

const hk = (i: number) => `hotkey-${i}`;
const text = (i: number) =>
  formatModelCommitment(
    buildModelCommitment({ repo: `ns/m${i}`, commit: String(i).repeat(40), competition: 'o1' }),
  );

/** uids 0 (owner), 1 (validator), 2..4 models: 2 good, 3 below B, 4 a copy of 2 committed later. */
function scoredState(): Sn21State {
  let s = syncCommitments(emptySn21State('o1'), [
    { hotkey: hk(2), uid: 2, block: 10, text: text(2) },
    { hotkey: hk(3), uid: 3, block: 11, text: text(3) },
    { hotkey: hk(4), uid: 4, block: 12, text: text(4) },
  ]).state;
  const base = { baseline: 0.5, revision: 'r', seed: 's', atMs: 1 };
  s = recordScore(s, hk(2), { ...base, score: 0.9, contentHash: 'A' });
  s = recordScore(s, hk(3), { ...base, score: 0.4, contentHash: 'B' });
  s = recordScore(s, hk(4), { ...base, score: 0.9, contentHash: 'A' });
  return s;
}

describe('SN21 rewards and the two-pool strategy', () => {
  const hotkeys = [hk(0), hk(1), hk(2), hk(3), hk(4)];
  const mg = { hotkeys, ownerHotkey: hk(0) };
  const strategy = sn21ScoringStrategy({ burnUid: (m) => resolveBurnUid(undefined, m) });

  it('one reward per uid, with the model, score, baseline and reputation as components', () => {
    const rewards = sn21Rewards(scoredState(), hotkeys);
    expect(rewards.map((r) => r.reward)).toEqual([0, 0, 0.9, 0.4, 0.001]);
    expect(rewards[2]!.components).toEqual({
      model: `ns/m2@${'2'.repeat(12)}`,
      score: 0.9,
      baseline: 0.5,
      reputation: 0.5,
      beatsBaseline: true,
      penalty: null,
    });
    expect(rewards[4]!.components.penalty).toBe('COPY');
    expect(rewards[0]!.entry).toBeNull();
  });

  it('the strategy mirrors the rewards and yields the same weights as the state', () => {
    const s = scoredState();
    const state = strategy.initial();
    expect(strategy.sync(state, hotkeys)).toEqual([]);
    strategy.update(state, sn21Rewards(s, hotkeys));
    const w = strategy.weights(state, { metagraph: mg });
    const expected = stateWeights(s, 5, { burnUid: 0 });
    expect(w.uids).toEqual([2, 3, 4]);
    w.uids.forEach((uid, i) => {
      expect(w.weights[i]).toBeCloseTo(expected[uid]!, 12);
    });
    expect(strategy.scores(state)).toEqual([0, 0, 0.9, 0.4, 0.001]);
    // A new hotkey on uid 3 starts with no entry; the uid is reported as reset.
    const moved = [...hotkeys.slice(0, 3), 'someone-else', hk(4)];
    expect(strategy.sync(state, moved)).toEqual([3]);
    expect(state.entries[3]).toBeNull();
    expect(strategy.schema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('no model above the baseline: the burn uid (owner by default, a configured uid when valid) gets 75 %', () => {
    let s = scoredState();
    const broken = { code: 'X', message: 'broken', disposition: 'penalty' as const, penaltyScore: 0 };
    for (const h of [hk(2), hk(4)]) s = recordFailure(s, h, broken, { atMs: 2 });
    const state = strategy.initial();
    strategy.sync(state, hotkeys);
    strategy.update(state, sn21Rewards(s, hotkeys));
    const w = strategy.weights(state, { metagraph: mg });
    expect(w.weights[w.uids.indexOf(0)]).toBeCloseTo(0.75, 12);
    expect(resolveBurnUid(3, mg)).toBe(3);
    expect(resolveBurnUid(111, mg)).toBe(0);
    expect(resolveBurnUid(undefined, { hotkeys })).toBe(0);
  });

  it('reputations move once per epoch, and not at the first epoch seen', () => {
    let s = scoredState();
    s = reputationsForEpoch(s, 7);
    expect(s.reputations).toEqual({});
    s = reputationsForEpoch(s, 8);
    expect(s.reputations[hk(2)]).toBeCloseTo(0.5025, 12);
    expect(s.reputations[hk(3)]).toBeCloseTo(0.4975, 12);
    expect(reputationsForEpoch(s, 8)).toBe(s);
    expect(reputationsForEpoch(s, 6)).toBe(s);
  });
});
