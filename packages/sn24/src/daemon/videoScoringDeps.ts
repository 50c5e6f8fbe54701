import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VectorIndex } from '@taonode/store';
import { CHUNK_TOKENS, VIDEO_DOWNLOAD_TIMEOUT } from '../constants.js';
import type { ImageBindEmbedder, Sn24Models } from '../models/types.js';
import { type Recomputed, SpotCheckDownloadError } from '../scoring/spotCheck.js';
import type { VideoScoringDeps } from '../scoring/videoReward.js';
import type { VideoSource } from '../sources/types.js';

/** The validator's ImageBind: the chunk and token helpers are required here (the ONNX one has them). */
export type ValidatorImageBind = ImageBindEmbedder &
  Required<Pick<ImageBindEmbedder, 'embedTextChunks' | 'uniqueTokens'>>;

export interface ScoringDepsInput {
  models: Pick<Sn24Models, 'textSimilarity' | 'unstuffer'> & { imagebind: ValidatorImageBind };
  index: VectorIndex;
  /** Spot-check downloads; absent ⇒ description-only checks. */
  source?: VideoSource;
  workDir: string;
  noMatchNovelty: number;
  /** false: every description counts as clean (no unstuffer model; the chunk check stays). */
  unstuffer?: boolean;
  rng?: () => number;
  downloadTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SpotCheckDownloadError('other', `${what} timed out after ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The real `VideoScoringDeps` of a validator: ImageBind (text, and video/audio for the spot
 * check's download, its chunks and unique tokens), gte similarity, the unstuffer, the novelty
 * index and the video source. The download has the reference's 10 s budget;
 * embedding the clip afterwards does not count against it.
 */
export function videoScoringDeps(input: ScoringDepsInput): VideoScoringDeps {
  const { models } = input;
  const embedText = async (text: string) => (await models.imagebind.embedTexts([text]))[0]!;
  const downloadAndEmbed = input.source
    ? async (item: { video_id: string; start_time: number; end_time: number; description: string }) => {
        const source = input.source!;
        await mkdir(input.workDir, { recursive: true });
        const dir = await mkdtemp(join(input.workDir, 'spot-'));
        try {
          const file = await withTimeout(
            source.downloadClip(item.video_id, { startS: item.start_time, endS: item.end_time }, dir),
            input.downloadTimeoutMs ?? VIDEO_DOWNLOAD_TIMEOUT * 1000,
            `downloading ${item.video_id}`,
          );
          const clip = await models.imagebind.embedClip(file);
          const description = await embedText(item.description);
          return { video: clip.video_emb, audio: clip.audio_emb, description } satisfies Recomputed;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    : undefined;
  return {
    rng: input.rng ?? Math.random,
    embedText,
    ...(downloadAndEmbed ? { downloadAndEmbed } : {}),
    textSimilarity: (description, query) => models.textSimilarity.similarity(description, query),
    unstuff: async (descriptions) =>
      input.unstuffer === false
        ? descriptions.map(() => ({ stuffed: false, confidence: 1 }))
        : models.unstuffer.classify(descriptions),
    embedChunks: (description) => models.imagebind.embedTextChunks(description, CHUNK_TOKENS),
    uniqueTokens: (description) => models.imagebind.uniqueTokens(description),
    noveltyIndex: input.index,
    noMatchNovelty: input.noMatchNovelty,
  };
}
