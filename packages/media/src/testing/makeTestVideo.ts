import { join } from 'node:path';
import type { Ffmpeg } from '../ffmpeg/createFfmpeg.js';

export interface TestVideoOptions {
  durationS?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Sine frequency of the audio track; 0 for no audio stream. */
  toneHz?: number;
  audioRate?: number;
  /** Stereo with the sine on the left and silence on the right (to see which channel is read). */
  leftOnly?: boolean;
  name?: string;
  /** A solid colour (e.g. "0x336699") instead of the moving test pattern. */
  color?: string;
}

/** Generates an H.264/AAC mp4 from ffmpeg's testsrc (or a colour) + sine in `dir`; returns its path. */
export async function makeTestVideo(
  ff: Ffmpeg,
  dir: string,
  options: TestVideoOptions = {},
): Promise<string> {
  const d = options.durationS ?? 10;
  const w = options.width ?? 320;
  const h = options.height ?? 240;
  const fps = options.fps ?? 30;
  const tone = options.toneHz ?? 440;
  const rate = options.audioRate ?? 48_000;
  const file = join(dir, options.name ?? `test-${w}x${h}-${d}s.mp4`);
  const video = options.color
    ? `color=c=${options.color}:size=${w}x${h}:rate=${fps}:duration=${d}`
    : `testsrc=size=${w}x${h}:rate=${fps}:duration=${d}`;
  const args = ['-y', '-f', 'lavfi', '-i', video];
  if (tone > 0) {
    const sine = `sine=frequency=${tone}:sample_rate=${rate}:duration=${d}`;
    args.push('-f', 'lavfi', '-i', sine);
    if (options.leftOnly) {
      args.push('-filter_complex', '[1:a]pan=stereo|c0=c0|c1=0*c0[a]', '-map', '0:v', '-map', '[a]');
    }
  }
  // Colour sources are encoded losslessly-ish so pixel values can be checked exactly.
  const quality = options.color ? ['-qp', '0'] : ['-preset', 'veryfast'];
  args.push(
    '-c:v',
    'libx264',
    ...quality,
    '-pix_fmt',
    options.color ? 'yuv444p' : 'yuv420p',
    '-g',
    String(fps),
  );
  if (tone > 0) args.push('-c:a', 'aac', '-b:a', '128k');
  args.push('-shortest', file);
  await ff.run(`generating ${file}`, args);
  return file;
}
