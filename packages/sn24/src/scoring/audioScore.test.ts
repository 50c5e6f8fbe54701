import { describe, expect, it } from 'vitest';
import { e, vec } from '../testing/vectors.js';
import {
  audioLengthScore,
  audioQuality,
  audioQueryScore,
  audioTotalScore,
  inverseDer,
  uniqueSpeakersScore,
} from './audioScore.js';

describe('audio scoring pieces (spec §5.5)', () => {
  it('length score = Σ(end − start) / 320', () => {
    expect(
      audioLengthScore([
        { start_time: 0, end_time: 60 },
        { start_time: 10, end_time: 80 },
      ]),
    ).toBe(0.40625);
  });
  it('query score = mean cos(audio, query)', () => {
    expect(audioQueryScore([e(0), e(1)], vec({ 0: 1, 1: 1 }))).toBeCloseTo(Math.SQRT1_2, 12);
    expect(audioQueryScore([], e(0))).toBe(0);
  });
  it('unique speakers: 2 → 1, 3 → 1/2, 4 → 1/3, else 0', () => {
    expect([0, 1, 2, 3, 4, 5].map(uniqueSpeakersScore)).toEqual([0, 0, 1, 0.5, 1 / 3, 0]);
  });
  it('quality = 0.2·speech + 0.2·dominance + 0.1·noise + 0.5·speakers', () => {
    expect(
      audioQuality({ speechContent: 0.8, speakerDominance: 0.5, backgroundNoise: 0.4, uniqueSpeakers: 1 }),
    ).toBeCloseTo(0.8, 12);
  });
  it('inverse DER clamps DER to [0, 1]', () => {
    expect(inverseDer(1.3)).toBe(0);
    expect(inverseDer(-0.2)).toBe(1);
    expect(inverseDer(0.25)).toBe(0.75);
  });
  it('total = 0.6·invDER + 0.1·length + 0.2·quality + 0.1·query', () => {
    expect(audioTotalScore({ inverseDer: 0.75, length: 0.40625, quality: 0.8, query: 0.2 })).toBeCloseTo(
      0.670625,
      12,
    );
  });
});
