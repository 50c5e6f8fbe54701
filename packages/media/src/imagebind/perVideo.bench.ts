// Per-video ImageBind check on this machine: decode + preprocess + embed (tiny stand-in models, CPU),
// with the breakdown a validator's spot-check pays. Writes bench/results/media-per-video.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianBreakdown, writeBenchResult } from '@taonode/bench';
import { createSession, embedMean } from '@taonode/inference';
import { ensureTinyImageBind } from '@taonode/inference/testing';
import { createFfmpeg } from '../ffmpeg/createFfmpeg.js';
import { makeTestVideo } from '../testing/makeTestVideo.js';
import { loadAudioInput } from './audioTransform.js';
import { loadVisionInput } from './loadVision.js';

const REPEATS = 3;

// Generous ffmpeg timeout: generating the 120 s input is slow on a loaded 2-core box.
const ff = await createFfmpeg({ timeout_ms: 900_000 });
const loadBefore = loadavg()[0];
const dir = await mkdtemp(join(tmpdir(), 'taonode-bench-media-'));
const models = await ensureTinyImageBind();
const device = (process.env.TAONODE_BENCH_DEVICE ?? 'cpu') as 'cpu' | 'cuda' | 'auto';
const vision = await createSession(models.vision, { device });
const audio = await createSession(models.audio, { device });
const cases = [
  { name: '10s-1280x720-30fps', durationS: 10, width: 1280, height: 720 },
  { name: '120s-640x360-30fps', durationS: 120, width: 640, height: 360 },
];
const results: Record<string, unknown>[] = [];
try {
  for (const c of cases) {
    const file = await makeTestVideo(ff, dir, { ...c, fps: 30, toneHz: 440, name: `${c.name}.mp4` });
    const rows: Record<string, number>[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const v = await loadVisionInput(ff, file);
      let t = performance.now();
      await embedMean(vision, v.data, v.dims, { batchSize: 15 });
      const visionEmbedS = (performance.now() - t) / 1000;
      const a = await loadAudioInput(ff, file);
      t = performance.now();
      await embedMean(audio, a.data, a.dims);
      const audioEmbedS = (performance.now() - t) / 1000;
      rows.push({
        videoDecodeS: v.timings.decodeS,
        videoPreprocessS: v.timings.transformS,
        videoEmbedS: visionEmbedS,
        audioDecodeS: a.timings.decodeS,
        audioPreprocessS: a.timings.transformS,
        audioEmbedS,
      });
    }
    const { totalMs, breakdownMs } = medianBreakdown(rows);
    results.push({ video: c.name, totalMs, breakdownMs });
    console.log(c.name, totalMs, breakdownMs);
  }
} finally {
  await vision.release();
  await audio.release();
  await rm(dir, { recursive: true, force: true });
}

writeBenchResult('media-per-video', {
  description:
    'Per-video ImageBind pipeline as a validator spot-check runs it: probe + decode 10 frames (one ffmpeg run), vision transform to 15 views [3,2,224,224], audio decode to 16 kHz mono + 3 Kaldi mel clips, embed with the tiny stand-in models (median of 3)',
  ffmpeg: ff.version,
  runner: ff.runner,
  // Other jobs share this machine's cores; the 1-minute load average says how contended the run was.
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  device: vision.device,
  note: 'embed times are for the tiny random-weight models (scripts/models), not ImageBind-huge; decode and preprocess are the real cost',
  results,
});
