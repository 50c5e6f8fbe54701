import { MediaInputError } from '../errors.js';
import type { Ffmpeg } from './createFfmpeg.js';
import { inputArgs } from './safeInput.js';

export interface ClipOptions {
  input: string;
  output: string;
  startS: number;
  endS: number;
  /**
   * `copy` (default, what the reference miner does): no re-encode, fast, cuts snap to key-frames.
   * `reencode`: frame-exact cut, H.264 + AAC, about 15× slower.
   */
  mode?: 'copy' | 'reencode';
}

/** Cuts [startS, endS] of a video into a new file. */
export async function clipMedia(ff: Ffmpeg, options: ClipOptions): Promise<void> {
  const { startS, endS } = options;
  if (!Number.isFinite(startS) || !Number.isFinite(endS) || startS < 0 || endS <= startS) {
    throw new MediaInputError(`clip range [${startS}, ${endS}] must satisfy 0 <= start < end (seconds)`);
  }
  const codec =
    (options.mode ?? 'copy') === 'copy'
      ? ['-c', 'copy']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac'];
  await ff.run(`clipping ${options.input} [${startS}, ${endS}]`, [
    '-y',
    '-ss',
    startS.toFixed(3),
    '-to',
    endS.toFixed(3),
    ...inputArgs(options.input),
    '-map',
    '0:v:0?',
    '-map',
    '0:a:0?',
    ...codec,
    '-avoid_negative_ts',
    'make_zero',
    options.output,
  ]);
}
