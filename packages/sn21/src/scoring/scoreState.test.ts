import { describe, expect, it } from 'vitest';
import { buildModelCommitment, formatModelCommitment } from '../commitment/modelCommitment.js';
import { HubUnavailableError, ModelContractError } from '../errors.js';
import {
  effectiveScores,
  emptySn21State,
  modelsDue,
  parseSn21State,
  pruneDeregistered,
  recordFailure,
  recordScore,
  stateWeights,
  syncCommitments,
  updateReputations,
} from './scoreState.js';

const text = (repo: string, commit: string, competition = 'o1') =>
  formatModelCommitment(buildModelCommitment({ repo, commit, competition }));
const A = text('alice/m', 'a'.repeat(40));
const B = text('bob/m', 'b'.repeat(40));
const C = text('carol/m', 'c'.repeat(40));
const scored = (score: number, baseline: number, contentHash: string, atMs = 1000) => ({
  score,
  baseline,
  contentHash,
  revision: 'r',
  seed: 's',
  atMs,
});

describe('SN21 score state', () => {
  it('syncs commitments: new and changed ones await evaluation, malformed ignored, other competitions penalised', () => {
    const r = syncCommitments(emptySn21State('o1'), [
      { hotkey: 'hA', uid: 1, block: 10, text: A },
      { hotkey: 'hB', uid: 2, block: 20, text: 'garbage' },
      { hotkey: 'hC', uid: 3, block: 30, text: text('carol/m', 'c'.repeat(40), 'v4') },
    ]);
    expect(r.changed).toEqual(['hA']);
    expect(r.ignored).toEqual([
      { hotkey: 'hB', uid: 2, reason: expect.stringMatching(/malformed SN21 commitment/) },
    ]);
    expect(r.state.models.hC?.penalty).toMatchObject({ code: 'WRONG_COMPETITION', score: 0 });
    let s = recordScore(r.state, 'hA', scored(0.7, 0.5, 'h1'));
    // Same commitment again: kept (uid may change).
    s = syncCommitments(s, [{ hotkey: 'hA', uid: 4, block: 10, text: A }]).state;
    expect(s.models.hA).toMatchObject({ uid: 4, score: 0.7 });
    expect(s.models.hC).toBeUndefined(); // its commitment disappeared
    // New commitment: fresh record, score gone until re-evaluated.
    const changed = syncCommitments(s, [{ hotkey: 'hA', uid: 4, block: 99, text: B }]);
    expect(changed.changed).toEqual(['hA']);
    expect(changed.state.models.hA?.score).toBeUndefined();
  });

  it('a copy (same content, later block) gets the penalty score; the earliest keeps its score', () => {
    let s = syncCommitments(emptySn21State('o1'), [
      { hotkey: 'orig', uid: 5, block: 100, text: A },
      { hotkey: 'copy', uid: 2, block: 200, text: B },
      { hotkey: 'other', uid: 7, block: 150, text: C },
    ]).state;
    s = recordScore(s, 'copy', scored(0.9, 0.5, 'same'));
    s = recordScore(s, 'orig', scored(0.9, 0.5, 'same'));
    s = recordScore(s, 'other', scored(0.4, 0.5, 'different'));
    const e = effectiveScores(s);
    expect(e).toEqual([
      {
        hotkey: 'copy',
        uid: 2,
        block: 200,
        score: 0.001,
        beatsBaseline: false,
        copyOf: 'orig',
        penalty: 'COPY',
      },
      { hotkey: 'orig', uid: 5, block: 100, score: 0.9, beatsBaseline: true },
      { hotkey: 'other', uid: 7, block: 150, score: 0.4, beatsBaseline: false },
    ]);
    const w = stateWeights(s, 10, { burnUid: 0 });
    // orig alone above: 75 %; below: copy (0.001) and other (0.4), both reputation 0.5.
    const eb = [Math.exp(0.35 + 0.3 * 0.4), Math.exp(0.35 + 0.3 * 0.001)];
    expect(w[5]).toBeCloseTo(0.75, 12);
    expect(w[7]).toBeCloseTo((0.25 * eb[0]!) / (eb[0]! + eb[1]!), 12);
    expect(w[2]).toBeCloseTo((0.25 * eb[1]!) / (eb[0]! + eb[1]!), 12);
  });

  it('reputation: EMA with α = 0.005 from 0.5 towards beating the baseline; hotkeys without a score keep theirs', () => {
    let s = syncCommitments(emptySn21State('o1'), [
      { hotkey: 'up', uid: 1, block: 1, text: A },
      { hotkey: 'down', uid: 2, block: 2, text: B },
      { hotkey: 'idle', uid: 3, block: 3, text: C },
    ]).state;
    s = recordScore(s, 'up', scored(0.8, 0.5, 'x'));
    s = recordScore(s, 'down', scored(0.3, 0.5, 'y'));
    s = { ...s, reputations: { idle: 0.42 } };
    s = updateReputations(s);
    expect(s.reputations.up).toBeCloseTo(0.995 * 0.5 + 0.005, 15);
    expect(s.reputations.down).toBeCloseTo(0.995 * 0.5, 15);
    expect(s.reputations.idle).toBe(0.42);
    for (let i = 0; i < 137; i++) s = updateReputations(s);
    // 138 steps below the baseline halve it (half-life ≈ 138 updates, spec §5.5).
    expect(s.reputations.down).toBeCloseTo(0.5 * 0.995 ** 138, 12);
    expect(s.reputations.down! / 0.5).toBeCloseTo(0.5, 2);
    expect(pruneDeregistered(s, new Set(['up'])).reputations).toEqual({ up: s.reputations.up });
  });

  it('a penalty replaces the score; retries keep it until they run out', () => {
    let s = syncCommitments(emptySn21State('o1'), [{ hotkey: 'h', uid: 1, block: 1, text: A }]).state;
    s = recordScore(s, 'h', scored(0.8, 0.5, 'x'));
    const hubDown = new HubUnavailableError('x', 'HTTP 503');
    s = recordFailure(s, 'h', hubDown, { atMs: 2000, maxRetries: 2 });
    s = recordFailure(s, 'h', hubDown, { atMs: 3000, maxRetries: 2 });
    expect(s.models.h).toMatchObject({ score: 0.8, retries: 2 });
    s = recordFailure(s, 'h', hubDown, { atMs: 4000, maxRetries: 2 });
    expect(s.models.h?.penalty).toMatchObject({ code: 'RETRIES_EXHAUSTED', score: 0 });
    s = recordScore(s, 'h', scored(0.8, 0.5, 'x'));
    s = recordFailure(s, 'h', new ModelContractError('onnx/decoder_model_merged.onnx', 'corrupt'), {
      atMs: 5000,
    });
    expect(s.models.h?.score).toBeUndefined();
    expect(effectiveScores(s)[0]).toMatchObject({ score: 0, penalty: 'MODEL_CONTRACT' });
  });

  it('orders due models (new first, then stale) and round-trips through JSON', () => {
    let s = syncCommitments(emptySn21State('o1'), [
      { hotkey: 'late', uid: 1, block: 50, text: A },
      { hotkey: 'early', uid: 2, block: 10, text: B },
      { hotkey: 'done', uid: 3, block: 5, text: C },
    ]).state;
    s = recordScore(s, 'done', scored(0.5, 0.4, 'z', 1_000));
    expect(modelsDue(s, { nowMs: 2_000, reevaluateAfterMs: 10_000 })).toEqual(['early', 'late']);
    expect(modelsDue(s, { nowMs: 20_000, reevaluateAfterMs: 10_000 })).toEqual(['early', 'late', 'done']);
    expect(parseSn21State(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(() => parseSn21State({ version: 2 })).toThrow();
  });
});
