import { FfmpegFailedError, MediaInputError } from '../errors.js';
import type { RgbFrame } from '../imagebind/visionTransform.js';
import type { Ffmpeg } from './createFfmpeg.js';
import { inputArgs } from './safeInput.js';

/**
 * Decodes the frames at the given 0-based indices (decode order, as decord counts them) as rgb24 at
 * the stream's size, in ONE ffmpeg run (`select` by frame number). Repeated indices are allowed.
 */
export async function decodeFrames(
  ff: Ffmpeg,
  file: string,
  indices: readonly number[],
  size: { width: number; height: number },
): Promise<RgbFrame[]> {
  if (indices.length === 0) return [];
  if (indices.some((i) => !Number.isInteger(i) || i < 0))
    throw new MediaInputError('frame indices must be integers >= 0');
  const unique = [...new Set(indices)].sort((a, b) => a - b);
  const expr = unique.map((i) => `eq(n\\,${i})`).join('+');
  const frameBytes = size.width * size.height * 3;
  const what = `decoding ${unique.length} frames of ${file}`;
  const raw = await ff.run(
    what,
    [
      // Stored orientation, as decord reads it (and as probeMedia reports the size).
      '-noautorotate',
      ...inputArgs(file),
      '-map',
      '0:v:0',
      '-vf',
      `select=${expr}`,
      // -vsync (not -fps_mode) so ffmpeg 4.x (Ubuntu 22.04) works too; passthrough keeps frames 1:1.
      '-vsync',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { maxStdoutBytes: unique.length * frameBytes },
  );
  if (raw.byteLength !== unique.length * frameBytes) {
    throw new FfmpegFailedError(what, 0, '', `got ${raw.byteLength / frameBytes} of ${unique.length} frames`);
  }
  const byIndex = new Map<number, RgbFrame>();
  unique.forEach((idx, k) => {
    byIndex.set(idx, {
      width: size.width,
      height: size.height,
      data: raw.subarray(k * frameBytes, (k + 1) * frameBytes),
    });
  });
  return indices.map((i) => byIndex.get(i) as RgbFrame);
}
