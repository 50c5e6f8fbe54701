import type { VectorIndex } from '@taonode/store';
import {
  FAKE_VIDEO_PUNISHMENT,
  MIN_SCORE,
  NUM_VIDEOS,
  STUFFED_DESCRIPTION_PUNISHMENT,
} from '../constants.js';
import type { VideoMetadata } from '../protocol.js';
import { dedupeInBatch, noveltyFilter } from './novelty.js';
import { aggregateScore, descriptionRelevance, lengthScaledRelevance, queryRelevance } from './relevance.js';
import { runSpotCheck, type SpotCheckDeps } from './spotCheck.js';
import { checkStructure } from './structure.js';
import {
  chunkStats,
  chunksPunish,
  survivesStuffingFilter,
  type UnstufferResult,
  unstufferPunishes,
} from './stuffing.js';
import type { Vec } from './vectors.js';

/** The models and services one Videos response is scored with (ImageBind, gte, unstuffer, index). */
export interface VideoScoringDeps extends SpotCheckDeps {
  /** gte-large cosine between a description and the topic. */
  textSimilarity: (description: string, query: string) => Promise<number>;
  unstuff: (descriptions: readonly string[]) => Promise<UnstufferResult[]>;
  /** ImageBind text embeddings of the description's ≤ 60-token chunks. */
  embedChunks: (description: string) => Promise<Vec[]>;
  /** Distinct BPE tokens of the description (see `uniqueTokenCount`). */
  uniqueTokens: (description: string) => number;
  noveltyIndex: VectorIndex;
  /** Novelty when the index has no match at all (reference: 0; see `globalNovelty`). Default 1. */
  noMatchNovelty?: number;
}

export interface AcceptedVideo {
  metadata: VideoMetadata;
  descriptionRelevance: number;
  queryRelevance: number;
  novelty: number;
}

export type VideoRewardReason =
  | 'empty'
  | 'fake_id'
  | 'spot_check_fake'
  | 'spot_check_failed'
  | 'no_valid_clips'
  | 'all_duplicates'
  | 'novelty_unavailable'
  | 'not_novel'
  | 'stuffed'
  | 'stuffed_chunks'
  | 'all_filtered'
  | 'scoring_error'
  | 'scored';

export interface VideoReward {
  /** null: no EMA update this step. */
  reward: number | null;
  reason: VideoRewardReason;
  accepted: AcceptedVideo[];
  /** Set with reason 'scoring_error': a model or service threw; the miner is not judged. */
  error?: unknown;
  /** The spot check's verdict, once the answer got that far. */
  spotCheck?: 'pass' | 'fail' | 'fake';
}

const result = (reward: number | null, reason: VideoRewardReason): VideoReward => ({
  reward,
  reason,
  accepted: [],
});

/**
 * Spec §5.2–5.3 for one miner's `video_metadata` (already parsed by the Videos schema). Never
 * throws: a failing model or service gives reward null (no EMA update) with the error attached.
 */
export async function scoreVideosResponse(
  metadata: readonly VideoMetadata[] | null,
  query: string,
  deps: VideoScoringDeps,
  numVideos = NUM_VIDEOS,
): Promise<VideoReward> {
  try {
    return await score(metadata, query, deps, numVideos);
  } catch (error) {
    return { reward: null, reason: 'scoring_error', accepted: [], error };
  }
}

async function score(
  metadata: readonly VideoMetadata[] | null,
  query: string,
  deps: VideoScoringDeps,
  numVideos: number,
): Promise<VideoReward> {
  const structure = checkStructure(metadata, numVideos);
  if (structure.kind === 'empty') return result(MIN_SCORE, 'empty');
  if (structure.kind === 'fake_id') return result(FAKE_VIDEO_PUNISHMENT, 'fake_id');
  let items = structure.items;
  if (items.length === 0) return result(MIN_SCORE, 'no_valid_clips');

  const spot = await runSpotCheck(items, deps);
  const spotCheck = spot.result;
  const done = (reward: number | null, reason: VideoRewardReason): VideoReward => ({
    ...result(reward, reason),
    spotCheck,
  });
  if (spot.result === 'fake') return done(FAKE_VIDEO_PUNISHMENT, 'spot_check_fake');
  if (spot.result === 'fail') return done(FAKE_VIDEO_PUNISHMENT, 'spot_check_failed');

  const queryEmb = await deps.embedText(query);

  items = dedupeInBatch(items.map((m) => m.video_emb)).map((i) => items[i]!);
  if (items.length === 0) return done(MIN_SCORE, 'all_duplicates');

  let novel: { kept: number[]; novelty: number[] };
  try {
    novel = await noveltyFilter(
      deps.noveltyIndex,
      items.map((m) => m.video_emb),
      deps.noMatchNovelty ?? 1,
    );
  } catch {
    return done(null, 'novelty_unavailable');
  }
  const noveltyOf = new Map(novel.kept.map((i, k) => [items[i]!, novel.novelty[k]!]));
  items = novel.kept.map((i) => items[i]!);
  if (items.length === 0) return done(MIN_SCORE, 'not_novel');

  const unstuffed = await deps.unstuff(items.map((m) => m.description));
  if (unstufferPunishes(unstuffed)) return done(STUFFED_DESCRIPTION_PUNISHMENT, 'stuffed');
  const stats = await Promise.all(
    items.map(async (m) => chunkStats(m.video_emb, m.audio_emb, await deps.embedChunks(m.description))),
  );
  if (chunksPunish(stats)) return done(STUFFED_DESCRIPTION_PUNISHMENT, 'stuffed_chunks');
  // Filtered together, by item, so metadata and embeddings stay aligned (reference quirk §5.2/12).
  items = items.filter((_, i) => survivesStuffingFilter(unstuffed[i]!, stats[i]!));
  if (items.length === 0) return done(MIN_SCORE, 'all_filtered');

  const accepted: AcceptedVideo[] = [];
  for (const m of items) {
    const dr = descriptionRelevance(m.video_emb, m.audio_emb, m.description_emb);
    const gte = await deps.textSimilarity(m.description, query);
    accepted.push({
      metadata: m,
      descriptionRelevance: lengthScaledRelevance(dr, deps.uniqueTokens(m.description)),
      queryRelevance: queryRelevance(m.video_emb, m.audio_emb, queryEmb, gte),
      novelty: noveltyOf.get(m)!,
    });
  }
  const reward = aggregateScore(
    accepted.map((a) => a.descriptionRelevance),
    accepted.map((a) => a.queryRelevance),
    numVideos,
  );
  return { reward, reason: 'scored', accepted, spotCheck };
}
