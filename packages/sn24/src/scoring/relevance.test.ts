import { describe, expect, it } from 'vitest';
import { e, vec } from '../testing/vectors.js';
import {
  aggregateScore,
  descriptionRelevance,
  lengthScaledRelevance,
  queryRelevance,
  uniqueTokenCount,
} from './relevance.js';

// Golden values worked out by hand from spec §5.3 (e_i are unit axis vectors, so every cosine
// is 0, 1 or 1/√2).
const S2 = Math.SQRT1_2;

describe('query relevance QR = (vq + aq + min(0.5, gte²)) / 3', () => {
  it('gte² below the cap', () => {
    // (1/√2 + 1/√2 + 0.36) / 3
    expect(queryRelevance(e(0), e(1), vec({ 0: 1, 1: 1 }), 0.6)).toBeCloseTo(0.5914045208, 9);
  });
  it('gte² capped at 0.5', () => {
    expect(queryRelevance(e(0), e(1), vec({ 0: 1, 1: 1 }), 0.8)).toBeCloseTo(0.6380711875, 9);
  });
  it('norms do not matter (ImageBind audio vectors have norm ~20)', () => {
    expect(queryRelevance(e(0, 0.7), e(1, 20), vec({ 0: 3, 1: 3 }), 0)).toBeCloseTo((2 * S2) / 3, 9);
  });
});

describe('description relevance DR = 0.65·cos(v, d) + 0.35·cos(a, d)', () => {
  it('description aligned with the video only', () => {
    expect(descriptionRelevance(e(0), e(1), e(0))).toBeCloseTo(0.65, 12);
  });
  it('description between video and audio', () => {
    expect(descriptionRelevance(e(0), e(1), vec({ 0: 1, 1: 1 }))).toBeCloseTo(S2, 12);
  });
});

describe('length scaling (100 → 65 %, 300 → full credit, log2 in between)', () => {
  it.each([
    [0, 0.4225],
    [100, 0.4225],
    [101, 0.4245605088],
    [200, 0.5660365189],
    [300, 0.65],
    [1000, 0.65],
  ])('%i unique tokens', (u, want) => {
    expect(lengthScaledRelevance(0.65, u)).toBeCloseTo(want, 9);
  });
});

describe('unique tokens', () => {
  it('skips padding and the first and last non-zero tokens (SOT/EOT)', () => {
    expect(uniqueTokenCount([49406, 10, 20, 10, 30, 49407, 0, 0])).toBe(3);
    expect(uniqueTokenCount([49406, 49407, 0])).toBe(0);
    expect(uniqueTokenCount([])).toBe(0);
  });
});

describe('aggregate score = max((0.7·ΣDR + 1.3·ΣQR) / 2 / N, 0.005)', () => {
  it('divides by the requested count N = 8, not the kept count', () => {
    expect(aggregateScore([0.65, 0.4225], [0.6, 0.3])).toBeCloseTo(0.120046875, 12);
    expect(aggregateScore([0.65, 0.4225], [0.6, 0.3], 4)).toBeCloseTo(0.24009375, 12);
  });
  it('floors at 0.005', () => {
    expect(aggregateScore([], [])).toBe(0.005);
    expect(aggregateScore([-0.5], [-0.5])).toBe(0.005);
  });
});
