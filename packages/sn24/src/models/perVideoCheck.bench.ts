// Per-video validator check on this machine (spec §5.2 step 4, the download branch): cut the clip
// from the source, decode + preprocess + embed video and audio, re-embed the description, compare.
// Tiny stand-in models on ONNX Runtime (CPU unless TAONODE_BENCH_DEVICE says otherwise).
// Writes bench/results/sn24-per-video-check.json.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianBreakdown, writeBenchResult } from '@taonode/bench';
import { createFfmpeg } from '@taonode/media';
import { makeTestVideo } from '@taonode/media/testing';
import { embeddingsMatch } from '../scoring/spotCheck.js';
import { localFolderSource } from '../sources/localFolderSource.js';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { loadImageBind } from './loadSn24Models.js';

const REPEATS = Number(process.env.TAONODE_BENCH_REPEATS ?? 3);
const device = (process.env.TAONODE_BENCH_DEVICE ?? 'cpu') as 'cpu' | 'cuda' | 'auto';
const ms = (s: number) => Math.round(s * 10_000) / 10;

const ff = await createFfmpeg({ timeout_ms: 900_000 });
const loadBefore = loadavg()[0];
const root = await mkdtemp(join(tmpdir(), 'taonode-bench-sn24-'));
const videos = join(root, 'videos');
const opts = await tinySn24ModelOptions();
let t = performance.now();
const imagebind = await loadImageBind(opts.imagebind, { ...opts.inference, device }, { ff });
const modelLoadMs = ms((performance.now() - t) / 1000);
const cases = [
  { name: '10s-1280x720-30fps', durationS: 10, width: 1280, height: 720 },
  { name: '120s-640x360-30fps', durationS: 120, width: 640, height: 360 },
];
const description = `${'A long generated description about nanotechnology and materials. '.repeat(12)}`;
const results: Record<string, unknown>[] = [];
try {
  await mkdir(videos);
  for (const c of cases) {
    await makeTestVideo(ff, videos, { ...c, fps: 30, toneHz: 440, name: `${c.name}.mp4` });
  }
  const source = localFolderSource({ dir: videos, ff });
  const listed = await source.list();
  for (const c of cases) {
    const video = listed.find((v) => v.title === c.name);
    if (video === undefined) throw new Error(`${c.name} not listed`);
    const submitted = await imagebind.embedClip(video.file);
    const [submittedDesc] = await imagebind.embedTexts([description]);
    const rows: Record<string, number>[] = [];
    for (let r = 0; r < REPEATS; r++) {
      t = performance.now();
      const clip = await source.downloadClip(video.video_id, { startS: 0, endS: c.durationS }, root);
      const clipS = (performance.now() - t) / 1000;
      const { embeddings, timings } = await imagebind.embedClipTimed(clip);
      t = performance.now();
      const [desc] = await imagebind.embedTexts([description]);
      const descriptionEmbedS = (performance.now() - t) / 1000;
      const ok = embeddingsMatch([
        [embeddings.video_emb, submitted.video_emb],
        [embeddings.audio_emb, submitted.audio_emb],
        [desc ?? [], submittedDesc ?? []],
      ]);
      if (!ok) throw new Error('recomputed embeddings do not match');
      await rm(clip);
      rows.push({ clipCutS: clipS, ...timings, descriptionEmbedS });
    }
    const { totalMs, breakdownMs } = medianBreakdown(rows);
    results.push({ video: c.name, totalMs, breakdownMs });
    console.log(c.name, totalMs, breakdownMs);
  }
} finally {
  await imagebind.release();
  await rm(root, { recursive: true, force: true });
}

writeBenchResult('sn24-per-video-check', {
  description:
    'SN24 validator spot check of one video through @taonode/sn24: cut [start,end] from the local source (ffmpeg stream copy), probe + decode 10 frames, 15-view vision transform, 16 kHz audio + 3 mel clips, embed with ImageBind stand-ins, re-embed a 12-sentence description (chunked mean), cosine check (median of repeats)',
  ffmpeg: ff.version,
  // Other jobs share this machine's cores; the 1-minute load average says how contended the run was.
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  device,
  repeats: REPEATS,
  modelLoadMs,
  note: 'embed times are for the tiny random-weight models, not ImageBind-huge; cutting, decoding and preprocessing are the real cost',
  results,
});
