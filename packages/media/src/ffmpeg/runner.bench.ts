// Per-call cost of the two ffmpeg runners (fluent-ffmpeg vs plain spawn) on the same tiny command,
// so the overhead fluent adds is visible apart from ffmpeg's own start-up. Writes
// bench/results/media-ffmpeg-runner.json.
import { loadavg } from 'node:os';
import { quantile, writeBenchResult } from '@taonode/bench';
import { createFfmpeg, type Ffmpeg } from './createFfmpeg.js';
import { MEDIA_RUNNERS, type MediaRunner } from './ffmpegRunner.js';

const CALLS = 40;
const round = (x: number) => Math.round(x * 100) / 100;

// One 16×16 frame to stdout: the piped path every decode uses, with almost no work for ffmpeg.
const tiny = ['-f', 'lavfi', '-i', 'color=size=16x16:rate=1:duration=1', '-frames:v', '1'];
const toStdout = [...tiny, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];

const loadBefore = loadavg()[0];
// Start-up: the spawn runner first, so fluent's first start (which lists formats and encoders
// once per process) is measured cold.
const startupMs = {} as Record<MediaRunner, number>;
const ffs = {} as Record<MediaRunner, Ffmpeg>;
for (const runner of ['spawn', 'fluent'] as const) {
  const t = performance.now();
  ffs[runner] = await createFfmpeg({ runner });
  startupMs[runner] = round(performance.now() - t);
}
const times: Record<MediaRunner, number[]> = { fluent: [], spawn: [] };
for (const runner of MEDIA_RUNNERS) await ffs[runner].run('warm-up', toStdout);
// Interleaved so drifting load on the shared box hits both runners alike.
for (let i = 0; i < CALLS; i++) {
  for (const runner of MEDIA_RUNNERS) {
    const t = performance.now();
    const out = await ffs[runner].run('bench', toStdout);
    times[runner].push(performance.now() - t);
    if (out.byteLength !== 16 * 16 * 3) throw new Error(`${runner}: got ${out.byteLength} bytes`);
  }
}
const perCall = Object.fromEntries(
  MEDIA_RUNNERS.map((r) => [
    r,
    { medianMs: round(quantile(times[r], 0.5)), p90Ms: round(quantile(times[r], 0.9)) },
  ]),
);
const overheadMs = round(quantile(times.fluent, 0.5) - quantile(times.spawn, 0.5));
console.log({ startupMs, perCall, overheadMs });

writeBenchResult('media-ffmpeg-runner', {
  description: `Per-call wall time of one tiny ffmpeg run (one 16x16 rgb24 frame from lavfi to stdout) through each runner, ${CALLS} calls each, interleaved; startup = createFfmpeg (version checks + fluent's one-off format/encoder listing)`,
  ffmpeg: ffs.fluent.version,
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  startupMs,
  perCall,
  fluentOverheadMedianMs: overheadMs,
});
