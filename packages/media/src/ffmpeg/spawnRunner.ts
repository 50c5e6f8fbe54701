import { runProcess } from '@taonode/kit';
import type { FfmpegRunner } from './ffmpegRunner.js';

/** The drop-in fallback: ffmpeg through `child_process.spawn`, no dependency. */
export function createSpawnRunner(ffmpegPath: string): FfmpegRunner {
  return (args, options) => runProcess(ffmpegPath, args, options);
}
