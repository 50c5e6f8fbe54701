import {
  AUDIO_LENGTH_WEIGHT,
  AUDIO_QUALITY_WEIGHT,
  AUDIO_QUERY_WEIGHT,
  DIARIZATION_WEIGHT,
  MAX_AUDIO_LENGTH_SECONDS,
  NUM_AUDIOS,
} from '../constants.js';
import { cos, type Vec } from './vectors.js';

/** `Σ(end − start) / (4 · 80)` over the kept clips (spec §5.5 step 5). */
export function audioLengthScore(clips: readonly { start_time: number; end_time: number }[]): number {
  const total = clips.reduce((s, c) => s + (c.end_time - c.start_time), 0);
  return total / (NUM_AUDIOS * MAX_AUDIO_LENGTH_SECONDS);
}

/** Mean cosine between each audio embedding and the query embedding. */
export function audioQueryScore(audioEmbs: readonly Vec[], queryEmb: Vec): number {
  if (audioEmbs.length === 0) return 0;
  return audioEmbs.reduce((s, e) => s + cos(e, queryEmb), 0) / audioEmbs.length;
}

/** 1 for exactly 2 speakers; 1/(n−1) for 3–4; 0 for 0, 1 or more than 4. */
export function uniqueSpeakersScore(speakers: number): number {
  if (speakers === 2) return 1;
  if (speakers === 3 || speakers === 4) return 1 / (speakers - 1);
  return 0;
}

export interface AudioQualityParts {
  speechContent: number;
  speakerDominance: number;
  backgroundNoise: number;
  uniqueSpeakers: number;
}

/** `0.2·speech + 0.2·dominance + 0.1·noise + 0.5·speakers`. */
export function audioQuality(p: AudioQualityParts): number {
  return 0.2 * p.speechContent + 0.2 * p.speakerDominance + 0.1 * p.backgroundNoise + 0.5 * p.uniqueSpeakers;
}

/** `1 − clamp(DER, 0, 1)`. */
export function inverseDer(der: number): number {
  return 1 - Math.min(1, Math.max(0, der));
}

/** `0.6·inverse_DER + 0.1·length + 0.2·quality + 0.1·query`. */
export function audioTotalScore(parts: {
  inverseDer: number;
  length: number;
  quality: number;
  query: number;
}): number {
  return (
    DIARIZATION_WEIGHT * parts.inverseDer +
    AUDIO_LENGTH_WEIGHT * parts.length +
    AUDIO_QUALITY_WEIGHT * parts.quality +
    AUDIO_QUERY_WEIGHT * parts.query
  );
}
