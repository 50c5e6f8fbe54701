import type { Logger, MinerTarget, NeuronMetagraph, RewardComponents } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { MIN_SCORE } from '../constants.js';
import { type VideoMetadata, videosRequest } from '../protocol.js';
import type { RewardUpdate } from '../scoring/movingAverage.js';
import { scoreVideosResponse, type VideoReward, type VideoScoringDeps } from '../scoring/videoReward.js';

/** One miner's answer to this step's topic, as the dendrite saw it. */
export interface MinerAnswer {
  uid: number;
  hotkey: string;
  /** null metadata: no answer (timeout, refused, unparsable — spec §5.2 "non-response"). */
  metadata: VideoMetadata[] | null;
  status: number | null;
  detail: string | null;
  seconds: number | null;
}

export interface Sn24Round {
  query: string;
  answers: MinerAnswer[];
}

/**
 * Spec §5.1 step 1: miners to ask are the serving uids minus validators (permit and more than
 * `vpermitTaoLimit` stake), which the reference never queries.
 */
export function queryableMiners(
  miners: readonly MinerTarget[],
  mg: Pick<NeuronMetagraph, 'stake' | 'validatorPermit'>,
  vpermitTaoLimit: number,
): MinerTarget[] {
  return miners.filter((m) => !(mg.validatorPermit[m.uid] && (mg.stake[m.uid] ?? 0) > vpermitTaoLimit));
}

/** Asks every miner for `numVideos` clips on one topic; never throws for what a miner does. */
export async function askMiners(
  dendrite: Pick<Dendrite, 'query'>,
  miners: readonly MinerTarget[],
  query: string,
  opts: { numVideos: number; timeoutS: number; concurrency: number; signal?: AbortSignal },
): Promise<MinerAnswer[]> {
  const replies = await dendrite.query(
    miners.map((m) => m.axon),
    videosRequest(query, opts.numVideos),
    { timeout: opts.timeoutS, concurrency: opts.concurrency, signal: opts.signal },
  );
  return replies.map((r, i) => {
    const ok = r.dendrite.status_code === 200;
    return {
      uid: miners[i]!.uid,
      hotkey: miners[i]!.hotkey,
      metadata: ok ? r.video_metadata : null,
      status: r.dendrite.status_code,
      detail: ok ? null : (r.dendrite.status_message ?? null),
      seconds: r.dendrite.process_time,
    };
  });
}

export interface ScoredAnswer {
  uid: number;
  result: VideoReward | { reward: number; reason: 'no_response'; accepted: [] };
}

/**
 * Scores a round, one miner after the other, and files each miner's accepted clips (dataset sink,
 * then novelty index) before scoring the next, so two miners sending the same clip in one step
 * are not both paid for it. Nothing here throws: a failing model gives reward null (no update),
 * a failing store is logged and the miner keeps its reward.
 */
export async function scoreRound(
  round: Sn24Round,
  deps: VideoScoringDeps,
  opts: {
    numVideos: number;
    logger: Logger;
    store: (result: VideoReward, query: string) => Promise<void>;
  },
): Promise<{ updates: RewardUpdate[]; scored: ScoredAnswer[] }> {
  const updates: RewardUpdate[] = [];
  const scored: ScoredAnswer[] = [];
  for (const a of round.answers) {
    if (a.metadata === null) {
      updates.push({ uid: a.uid, reward: MIN_SCORE });
      scored.push({ uid: a.uid, result: { reward: MIN_SCORE, reason: 'no_response', accepted: [] } });
      opts.logger.info(
        { uid: a.uid, reward: MIN_SCORE, reason: 'no_response', status: a.status, detail: a.detail },
        'SN24 miner scored',
      );
      continue;
    }
    const result = await scoreVideosResponse(a.metadata, round.query, deps, opts.numVideos);
    updates.push({ uid: a.uid, reward: result.reward });
    scored.push({ uid: a.uid, result });
    opts.logger.info(
      {
        uid: a.uid,
        query: round.query,
        reward: result.reward,
        reason: result.reason,
        clips: a.metadata.length,
        accepted: result.accepted.length,
        seconds: a.seconds,
        ...(result.error
          ? { error: result.error instanceof Error ? result.error.message : String(result.error) }
          : {}),
      },
      'SN24 miner scored',
    );
    if (result.accepted.length > 0) {
      try {
        await opts.store(result, round.query);
      } catch (err) {
        opts.logger.warn(
          { uid: a.uid, err: err instanceof Error ? err.message : String(err) },
          'SN24 could not file accepted clips',
        );
      }
    }
  }
  return { updates, scored };
}

/** What a dashboard shows of one scored answer: why, how many clips, their mean relevance and novelty. */
export function rewardComponents(result: ScoredAnswer['result'], clips: number): RewardComponents {
  const accepted = result.accepted;
  const mean = (pick: (a: (typeof accepted)[number]) => number) =>
    accepted.length === 0 ? null : accepted.reduce((sum, a) => sum + pick(a), 0) / accepted.length;
  return {
    reason: result.reason,
    clips,
    accepted: accepted.length,
    relevance: mean((a) => a.descriptionRelevance),
    queryRelevance: mean((a) => a.queryRelevance),
    novelty: mean((a) => a.novelty),
    spotCheck: 'spotCheck' in result ? (result.spotCheck ?? null) : null,
  };
}
