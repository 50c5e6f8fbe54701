import { openExactIndex } from '@taonode/store';
import { describe, expect, it } from 'vitest';
import type { VideoMetadata } from '../protocol.js';
import { e, vec, videoItem } from '../testing/vectors.js';
import { scoreVideosResponse, type VideoScoringDeps } from './videoReward.js';

// Two clips whose every cosine is 0, 1 or 1/√2, scored end to end. By hand (spec §5.3):
//   A: video e0, audio e1, description_emb e0+e1, gte 0.5, 300 unique tokens
//   B: video e2, audio e3, description_emb e2,    gte 0.9, 100 unique tokens
//   query_emb = e0 + e2
//   DR_A = 0.65/√2 + 0.35/√2 = 0.7071068 (full length credit); DR_B = 0.65 × 0.65 = 0.4225
//   QR_A = (1/√2 + 0 + 0.25) / 3 = 0.3190356;  QR_B = (1/√2 + 0 + min(0.5, 0.81)) / 3 = 0.4023689
//   score = (0.7 × 1.1296068 + 1.3 × 0.7214045) / 2 / 8 = 0.1080344
const A = videoItem({
  video_id: 'AAAAAAAAAAA',
  description: 'alpha',
  video_emb: e(0),
  audio_emb: e(1),
  description_emb: vec({ 0: 1, 1: 1 }),
});
const B = videoItem({
  video_id: 'BBBBBBBBBBB',
  description: 'beta',
  video_emb: e(2),
  audio_emb: e(3),
  description_emb: e(2),
});
const QUERY = 'Advances in nanotechnology';

async function deps(over: Partial<VideoScoringDeps> = {}): Promise<VideoScoringDeps> {
  const texts: Record<string, number[]> = {
    alpha: A.description_emb,
    beta: B.description_emb,
    [QUERY]: vec({ 0: 1, 2: 1 }),
  };
  return {
    rng: () => 0.5,
    embedText: async (t) => texts[t] ?? e(100),
    textSimilarity: async (d) => (d === 'alpha' ? 0.5 : 0.9),
    unstuff: async (ds) => ds.map(() => ({ stuffed: false, confidence: 0.9 })),
    embedChunks: async () => [],
    uniqueTokens: (d) => (d === 'alpha' ? 300 : 100),
    noveltyIndex: await openExactIndex({ dimension: 1024 }),
    ...over,
  };
}

describe('scoring one Videos response end to end', () => {
  it('golden score for two clean, novel clips', async () => {
    const r = await scoreVideosResponse([A, B], QUERY, await deps());
    expect(r.reason).toBe('scored');
    expect(r.reward).toBeCloseTo(0.108034414, 9);
    expect(r.accepted.map((a) => a.metadata.video_id)).toEqual(['AAAAAAAAAAA', 'BBBBBBBBBBB']);
    expect(r.accepted[0]!.descriptionRelevance).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r.accepted[1]!.queryRelevance).toBeCloseTo(0.4023689271, 9);
  });

  it('a near-duplicate pair keeps only the later clip', async () => {
    const A2 = { ...A, video_emb: vec({ 2: 1, 5: 0.1 }) }; // cos with B's video 0.995
    const r = await scoreVideosResponse([A2, B], QUERY, await deps());
    expect(r.accepted.map((a) => a.metadata.video_id)).toEqual(['BBBBBBBBBBB']);
  });

  it('a clip already in the novelty index is dropped; if nothing is left → 0.005', async () => {
    const d = await deps();
    await d.noveltyIndex.upsert([{ id: 'vid-old', values: e(0) }]);
    const r = await scoreVideosResponse([A, B], QUERY, d);
    expect(r.accepted.map((a) => a.metadata.video_id)).toEqual(['BBBBBBBBBBB']);
    const only = await scoreVideosResponse([A], QUERY, d);
    expect(only).toMatchObject({ reward: 0.005, reason: 'not_novel' });
  });

  it('the novelty index failing means no update (null), never a crash', async () => {
    const d = await deps();
    d.noveltyIndex.queryMany = async () => {
      throw new Error('connection refused');
    };
    expect(await scoreVideosResponse([A, B], QUERY, d)).toMatchObject({
      reward: null,
      reason: 'novelty_unavailable',
    });
  });

  it('punishes a failed spot check, a fake id, and stuffing with −5', async () => {
    const wrong = { ...B, description_emb: e(7) }; // the recomputed "beta" embedding is e2
    expect(await scoreVideosResponse([A, wrong], QUERY, await deps())).toMatchObject({
      reward: -5,
      reason: 'spot_check_failed',
    });
    expect(await scoreVideosResponse([A, { ...B, video_id: 'B' }], QUERY, await deps())).toMatchObject({
      reward: -5,
      reason: 'fake_id',
    });
    const stuffed = await deps({ unstuff: async (ds) => ds.map(() => ({ stuffed: true, confidence: 0.8 })) });
    expect(await scoreVideosResponse([A, B], QUERY, stuffed)).toMatchObject({
      reward: -5,
      reason: 'stuffed',
    });
    const badChunks = await deps({ embedChunks: async () => Array.from({ length: 7 }, (_, i) => e(10 + i)) });
    expect(await scoreVideosResponse([A, B], QUERY, badChunks)).toMatchObject({
      reward: -5,
      reason: 'stuffed_chunks',
    });
  });

  it('low-confidence stuffed items are dropped without punishment', async () => {
    const d = await deps({
      unstuff: async (ds) => ds.map((x) => ({ stuffed: x === 'alpha', confidence: 0.6 })),
    });
    const r = await scoreVideosResponse([A, B], QUERY, d);
    expect(r.accepted.map((a) => a.metadata.video_id)).toEqual(['BBBBBBBBBBB']);
  });

  it('empty, all too long, or a model that throws: 0.005, 0.005, null', async () => {
    expect(await scoreVideosResponse(null, QUERY, await deps())).toMatchObject({
      reward: 0.005,
      reason: 'empty',
    });
    const long: VideoMetadata = { ...A, end_time: 500 };
    expect(await scoreVideosResponse([long], QUERY, await deps())).toMatchObject({
      reward: 0.005,
      reason: 'no_valid_clips',
    });
    const broken = await deps({
      textSimilarity: async () => {
        throw new Error('CUDA out of memory');
      },
    });
    const r = await scoreVideosResponse([A, B], QUERY, broken);
    expect(r).toMatchObject({ reward: null, reason: 'scoring_error' });
    expect(String(r.error)).toContain('CUDA out of memory');
  });
});
