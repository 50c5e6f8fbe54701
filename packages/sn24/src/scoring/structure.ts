import {
  FAKE_VIDEO_PUNISHMENT,
  MAX_VIDEO_LENGTH,
  MIN_SCORE,
  MIN_VIDEO_LENGTH,
  NUM_VIDEOS,
  YOUTUBE_ID_LENGTH,
} from '../constants.js';
import type { VideoMetadata } from '../protocol.js';

/** What the structure check reads; Videos and Audios items both have it. */
type Clip = Pick<VideoMetadata, 'video_id' | 'start_time' | 'end_time'>;

export type StructureResult<T extends Clip = VideoMetadata> =
  | { kind: 'empty'; reward: typeof MIN_SCORE }
  | { kind: 'fake_id'; reward: typeof FAKE_VIDEO_PUNISHMENT; videoId: string }
  | { kind: 'ok'; items: T[] };

/** Python's `len(str)`: code points, not UTF-16 units. */
const pyLen = (s: string) => [...s].length;

/**
 * Spec §5.2 steps 1–3, after the validator's rebuild (§2.2: its own query/num_videos, metadata
 * cut to `num_videos`): empty → 0.005; any id that is not 11 characters → −5 for the whole
 * response; keep clips with 5 ≤ end − start ≤ 120. The audio task (§5.5) opens the same way.
 */
export function checkStructure<T extends Clip = VideoMetadata>(
  metadata: readonly T[] | null,
  numVideos = NUM_VIDEOS,
): StructureResult<T> {
  const items = (metadata ?? []).slice(0, numVideos);
  if (items.length === 0) return { kind: 'empty', reward: MIN_SCORE };
  const fake = items.find((m) => pyLen(m.video_id) !== YOUTUBE_ID_LENGTH);
  if (fake !== undefined) return { kind: 'fake_id', reward: FAKE_VIDEO_PUNISHMENT, videoId: fake.video_id };
  return { kind: 'ok', items: items.filter((m) => isAllowedClipLength(m.end_time - m.start_time)) };
}

export function isAllowedClipLength(seconds: number): boolean {
  return seconds >= MIN_VIDEO_LENGTH && seconds <= MAX_VIDEO_LENGTH;
}
