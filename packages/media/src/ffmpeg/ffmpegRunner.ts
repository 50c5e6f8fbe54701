import type { ProcessResult } from '@taonode/kit';

/** How ffmpeg itself is driven: fluent-ffmpeg (the design's choice) or a plain `spawn`. */
export const MEDIA_RUNNERS = ['fluent', 'spawn'] as const;
export type MediaRunner = (typeof MEDIA_RUNNERS)[number];

export interface RunnerOptions {
  timeoutMs: number;
  /** Kill the run once stdout passes this many bytes (a hostile file must not fill memory). */
  maxStdoutBytes?: number;
}

/**
 * One ffmpeg command line in, its outcome out. Never throws: `createFfmpeg` turns the result into
 * typed errors the same way for every runner, so the runners stay swappable.
 */
export type FfmpegRunner = (args: readonly string[], options: RunnerOptions) => Promise<ProcessResult>;
