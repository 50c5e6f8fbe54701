import { MediaInputError } from '../errors.js';
import type { Ffmpeg } from '../ffmpeg/createFfmpeg.js';
import { decodeFrames } from '../ffmpeg/decodeFrames.js';
import { probeMedia } from '../ffmpeg/probeMedia.js';
import { clipFrameIndices, clipTimepoints } from './clipTimepoints.js';
import { visionViews } from './visionTransform.js';

/** ImageBind's video sampling: 5 clips of 2 s, 2 frames each (→ 15 views with the 3 crops). */
export const VISION_SAMPLING = { clipDurationS: 2, clipsPerVideo: 5, framesPerClip: 2 } as const;

export interface VisionInput {
  /** [views, 3, 2, 224, 224] float32, ready for the vision model (one view per batch row). */
  data: Float32Array;
  dims: number[];
  /** Frame indices used, per clip (for logs and tests). */
  frameIndices: number[][];
  /** Seconds spent in ffmpeg (probe + decode) and in the JS transform. */
  timings: { decodeS: number; transformS: number };
}

/** Decodes and preprocesses a video file exactly as ImageBind's `load_and_transform_video_data`. */
export async function loadVisionInput(ff: Ffmpeg, file: string): Promise<VisionInput> {
  const t0 = performance.now();
  const info = await probeMedia(ff, file);
  const v = info.video;
  if (v === undefined || v.frameCount === 0) throw new MediaInputError(`${file} has no video frames`);
  const { clipDurationS, clipsPerVideo, framesPerClip } = VISION_SAMPLING;
  // decord's duration is frames / average fps, not the container's duration.
  const durationS = v.frameCount / v.fps;
  const frameIndices = clipTimepoints(durationS, clipDurationS, clipsPerVideo).map(([s, e]) =>
    clipFrameIndices(s, e, v.fps, v.frameCount, framesPerClip),
  );
  if (frameIndices.some((f) => f.length === 0))
    throw new MediaInputError(`${file}: a sampled clip has no frames`);
  const frames = await decodeFrames(ff, file, frameIndices.flat(), v);
  const t1 = performance.now();
  const clips = frameIndices.map((_, c) => frames.slice(c * framesPerClip, (c + 1) * framesPerClip));
  const { data, dims } = visionViews(clips);
  const t2 = performance.now();
  return { data, dims, frameIndices, timings: { decodeS: (t1 - t0) / 1000, transformS: (t2 - t1) / 1000 } };
}
