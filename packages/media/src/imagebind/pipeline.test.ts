import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, embedMean } from '@taonode/inference';
import { ensureTinyImageBind } from '@taonode/inference/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFfmpeg, type Ffmpeg } from '../ffmpeg/createFfmpeg.js';
import { MEDIA_RUNNERS } from '../ffmpeg/ffmpegRunner.js';
import { makeTestVideo } from '../testing/makeTestVideo.js';
import { loadAudioInput } from './audioTransform.js';
import { loadVisionInput } from './loadVision.js';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe.each(MEDIA_RUNNERS)('ImageBind preprocessing of a real file (%s runner)', (runner) => {
  let ff: Ffmpeg;
  let dir: string;
  beforeAll(async () => {
    ff = await createFfmpeg({ runner });
    dir = await mkdtemp(join(tmpdir(), 'taonode-imagebind-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('video → 15 views [3, 2, 224, 224] from the frames the spec picks', async () => {
    const video = await makeTestVideo(ff, dir, { durationS: 10, width: 320, height: 240, fps: 30 });
    const input = await loadVisionInput(ff, video);
    expect(input.dims).toEqual([15, 3, 2, 224, 224]);
    expect(input.frameIndices).toEqual([
      [0, 59],
      [60, 119],
      [120, 179],
      [180, 239],
      [240, 299],
    ]);
    expect(input.data.every(Number.isFinite)).toBe(true);
  });

  it('a solid colour video gives the normalised colour in every view', async () => {
    const video = await makeTestVideo(ff, dir, {
      durationS: 3,
      color: '0x336699',
      toneHz: 0,
      name: 'solid.mp4',
    });
    const { data } = await loadVisionInput(ff, video);
    const plane = 224 * 224;
    const expected = [0x33, 0x66, 0x99].map(
      (v, c) => (v / 255 - [0.48145466, 0.4578275, 0.40821073][c]) / [0.26862954, 0.26130258, 0.27577711][c],
    );
    for (const view of [0, 7, 14]) {
      for (let c = 0; c < 3; c++) {
        // Within 3 levels of 255 (the YUV round trip), i.e. 3/255/std.
        expect(Math.abs(data[view * 6 * plane + c * 2 * plane + 112 * 224 + 112] - expected[c])).toBeLessThan(
          0.05,
        );
      }
    }
  });

  it('audio → 3 mel clips [1, 128, 204] with the tone in its mel bin and the padding value', async () => {
    const video = await makeTestVideo(ff, dir, { durationS: 10, toneHz: 1000, name: 'tone.mp4' });
    const { data, dims } = await loadAudioInput(ff, video);
    expect(dims).toEqual([3, 1, 128, 204]);
    const column = Array.from({ length: 128 }, (_, m) => data[m * 204 + 100]);
    expect([43, 44]).toContain(column.indexOf(Math.max(...column)));
    expect(data[64 * 204 + 200]).toBeCloseTo(4.268 / 9.138, 6);
  });

  it('feeds the tiny ImageBind models: video norm ≤ 1, audio norm ≤ 20', async () => {
    const models = await ensureTinyImageBind();
    const video = await makeTestVideo(ff, dir, { durationS: 6, toneHz: 440, name: 'embed.mp4' });
    const vision = await createSession(models.vision, { device: 'cpu' });
    const audio = await createSession(models.audio, { device: 'cpu' });
    try {
      const v = await loadVisionInput(ff, video);
      const videoEmb = await embedMean(vision, v.data, v.dims, { batchSize: 8 });
      expect(videoEmb).toHaveLength(1024);
      expect(norm(videoEmb)).toBeLessThanOrEqual(1 + 1e-5);
      expect(norm(videoEmb)).toBeGreaterThan(0.5);
      const a = await loadAudioInput(ff, video);
      const audioEmb = await embedMean(audio, a.data, a.dims);
      expect(norm(audioEmb)).toBeLessThanOrEqual(20 + 1e-3);
    } finally {
      await vision.release();
      await audio.release();
    }
  });
});
