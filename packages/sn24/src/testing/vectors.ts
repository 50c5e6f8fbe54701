import { EMBEDDING_DIM } from '../constants.js';
import type { VideoMetadata } from '../protocol.js';

/** A 1,024-d vector with the given non-zero entries, e.g. `vec({ 0: 1, 1: 1 })` = e0 + e1. */
export function vec(entries: Record<number, number>): number[] {
  const v = new Array<number>(EMBEDDING_DIM).fill(0);
  for (const [i, x] of Object.entries(entries)) v[Number(i)] = x;
  return v;
}

export const e = (i: number, scale = 1): number[] => vec({ [i]: scale });

/** A well-formed item; override any field. */
export function videoItem(over: Partial<VideoMetadata> = {}): VideoMetadata {
  return {
    video_id: 'dQw4w9WgXcQ',
    description: 'a clip',
    views: 10,
    start_time: 0,
    end_time: 60,
    video_emb: e(0),
    audio_emb: e(1),
    description_emb: e(2),
    ...over,
  };
}
