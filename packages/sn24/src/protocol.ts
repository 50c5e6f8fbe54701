import { defineSynapse } from '@taonode/transport';
import { z } from 'zod';
import { AUDIOS_TIMEOUT_S, EMBEDDING_DIM, NUM_AUDIOS, NUM_VIDEOS, VIDEOS_TIMEOUT_S } from './constants.js';

// SN24 synapses (spec §2.2, §2.3): field names and types of omega/protocol.py. Stricter than
// pydantic where a wrong value could only be an error or an attack: embeddings must be exactly
// 1,024 finite numbers, so a malformed response fails to parse (status 422 at the dendrite) and
// is scored as a non-response instead of reaching the scoring maths.

/** A Python `int` (the lossless JSON parser yields bigint above 2^53). */
const pyInt = z
  .union([z.number().int(), z.bigint()])
  .transform((v) => Number(v))
  .pipe(z.number().int().refine(Number.isSafeInteger, 'integer out of range'));

/** `List[float]` of ImageBind's output size; zod 4 numbers already exclude NaN and ±Infinity. */
export const EmbeddingSchema = z
  .array(z.number(), { error: 'an embedding must be a list of numbers' })
  .length(EMBEDDING_DIM, { error: `an embedding must have exactly ${EMBEDDING_DIM} numbers` });

export const VideoMetadataSchema = z.object({
  video_id: z.string(),
  description: z.string(),
  views: pyInt,
  start_time: pyInt,
  end_time: pyInt,
  video_emb: EmbeddingSchema,
  audio_emb: EmbeddingSchema,
  description_emb: EmbeddingSchema,
});
export type VideoMetadata = z.infer<typeof VideoMetadataSchema>;

export const AudioMetadataSchema = z.object({
  video_id: z.string(),
  views: pyInt,
  start_time: pyInt,
  end_time: pyInt,
  audio_emb: EmbeddingSchema,
  /** base64 WAV, PCM 16-bit mono 16 kHz. */
  audio_bytes: z.string().nullable().default(null),
  diar_timestamps_start: z.array(z.number()).default([]),
  diar_timestamps_end: z.array(z.number()).default([]),
  diar_speakers: z.array(z.string()).default([]),
});
export type AudioMetadata = z.infer<typeof AudioMetadataSchema>;

/** Validator → miner: a topic and a count; the miner fills `video_metadata`. */
export const Videos = defineSynapse(
  'Videos',
  z.object({
    query: z.string(),
    num_videos: z.int(),
    video_metadata: z.array(VideoMetadataSchema).nullable().default(null),
  }),
  {
    timeoutS: VIDEOS_TIMEOUT_S,
    deserialize: (s) => s.video_metadata,
  },
);

/** Like `Videos` for podcasts: base64 WAV plus diarization per item. */
export const Audios = defineSynapse(
  'Audios',
  z.object({
    query: z.string(),
    num_audios: z.int(),
    audio_metadata: z.array(AudioMetadataSchema).nullable().default(null),
  }),
  {
    timeoutS: AUDIOS_TIMEOUT_S,
    // 4 × ~3.4 MB of base64 audio per response; requests themselves are small.
    maxBodyBytes: 32 * 1024 * 1024,
    deserialize: (s) => s.audio_metadata,
  },
);

/** The validator's request for a topic (8 videos, per the reference). */
export function videosRequest(query: string, numVideos = NUM_VIDEOS) {
  return Videos.create({ query, num_videos: numVideos });
}

/** The validator's audio request: the topic plus " podcast", 4 items. */
export function audiosRequest(topic: string, numAudios = NUM_AUDIOS) {
  return Audios.create({ query: `${topic} podcast`, num_audios: numAudios });
}
