import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegFailedError, FfmpegNotFoundError, MediaInputError } from '../errors.js';
import { makeTestVideo } from '../testing/makeTestVideo.js';
import { clipMedia } from './clipMedia.js';
import { createFfmpeg, type Ffmpeg, mediaOptionsSchema } from './createFfmpeg.js';
import { decodeAudio } from './decodeAudio.js';
import { decodeFrames } from './decodeFrames.js';
import { MEDIA_RUNNERS } from './ffmpegRunner.js';
import { probeMedia } from './probeMedia.js';

describe('mediaOptionsSchema', () => {
  it('drives ffmpeg through fluent-ffmpeg by default, spawn on request', () => {
    expect(mediaOptionsSchema.parse({})).toEqual({ timeout_ms: 120_000, runner: 'fluent' });
    expect(mediaOptionsSchema.parse({ runner: 'spawn' }).runner).toBe('spawn');
    expect(mediaOptionsSchema.safeParse({ runner: 'exec' }).success).toBe(false);
  });
});

// Both runners must behave identically, so every case runs against each.
describe.each(MEDIA_RUNNERS)('%s runner', (runner) => {
  let ff: Ffmpeg;
  let dir: string;
  let video: string;
  beforeAll(async () => {
    ff = await createFfmpeg({ runner });
    dir = await mkdtemp(join(tmpdir(), 'taonode-media-'));
    video = await makeTestVideo(ff, dir, { durationS: 10, width: 320, height: 240, fps: 30, toneHz: 440 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe('createFfmpeg', () => {
    it('finds ffmpeg and ffprobe on PATH and reports the version', () => {
      expect(ff.runner).toBe(runner);
      expect(ff.ffmpegPath).toBe('ffmpeg');
      expect(ff.ffprobePath).toBe('ffprobe');
      expect(ff.version).toMatch(/^\S+$/);
    });

    it('says how to install ffmpeg when the path is wrong', async () => {
      const err = await createFfmpeg({ ffmpeg_path: join(dir, 'no', 'ffmpeg'), runner }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(FfmpegNotFoundError);
      expect((err as FfmpegNotFoundError).message).toContain('not found');
      expect((err as FfmpegNotFoundError).hint).toContain('--media.ffmpeg_path');
      const notFfmpeg = await createFfmpeg({ ffmpeg_path: process.execPath, runner }).catch(
        (e: unknown) => e,
      );
      expect(notFfmpeg).toBeInstanceOf(FfmpegNotFoundError);
    });
  });

  describe('ffmpeg wrapper', () => {
    it('probes frames, rate and audio of a generated video', async () => {
      const info = await probeMedia(ff, video);
      expect(info.video).toEqual({ width: 320, height: 240, fps: 30, frameCount: 300 });
      expect(info.audio?.sampleRate).toBe(48_000);
      expect(info.durationS).toBeCloseTo(10, 1);
    });

    it('clips [start, end] by stream copy (key-frame snapped) or re-encode (exact)', async () => {
      const copy = join(dir, 'copy.mp4');
      await clipMedia(ff, { input: video, output: copy, startS: 2, endS: 7 });
      // Key-frames every second here, so the copy lands on whole seconds.
      expect((await probeMedia(ff, copy)).durationS).toBeCloseTo(5, 0);
      const exact = join(dir, 'exact.mp4');
      await clipMedia(ff, { input: video, output: exact, startS: 2.5, endS: 4, mode: 'reencode' });
      const info = await probeMedia(ff, exact);
      expect(info.video?.frameCount).toBe(45);
      await expect(clipMedia(ff, { input: video, output: copy, startS: 5, endS: 5 })).rejects.toBeInstanceOf(
        MediaInputError,
      );
      await expect(clipMedia(ff, { input: video, output: copy, startS: -1, endS: 5 })).rejects.toThrow(
        /0 <= start < end/,
      );
    });

    it('decodes chosen frames as rgb24 in one run, repeats allowed', async () => {
      const frames = await decodeFrames(ff, video, [299, 0, 150, 150], { width: 320, height: 240 });
      expect(frames).toHaveLength(4);
      for (const f of frames) expect(f.data.byteLength).toBe(320 * 240 * 3);
      expect(Buffer.compare(frames[2].data, frames[3].data)).toBe(0);
      expect(Buffer.compare(frames[0].data, frames[1].data)).not.toBe(0);
      const solid = await makeTestVideo(ff, dir, {
        durationS: 1,
        color: '0x336699',
        toneHz: 0,
        name: 'solid.mp4',
      });
      const [px] = await decodeFrames(ff, solid, [10], { width: 320, height: 240 });
      const mid = (120 * 320 + 160) * 3;
      // BT.601 limited-range round trip of (0x33, 0x66, 0x99) stays within a couple of levels.
      expect(Math.abs(px.data[mid] - 0x33)).toBeLessThanOrEqual(3);
      expect(Math.abs(px.data[mid + 1] - 0x66)).toBeLessThanOrEqual(3);
      expect(Math.abs(px.data[mid + 2] - 0x99)).toBeLessThanOrEqual(3);
    });

    it('decodes audio to 16 kHz mono float32 with the tone intact', async () => {
      const wave = await decodeAudio(ff, video);
      expect(Math.abs(wave.length - 160_000)).toBeLessThan(2_000);
      let crossings = 0;
      for (let i = 16_000; i < 144_000; i++) if (wave[i - 1] < 0 && wave[i] >= 0) crossings++;
      expect(crossings).toBeGreaterThanOrEqual(8 * 440 - 3);
      expect(crossings).toBeLessThanOrEqual(8 * 440 + 3);
      // ffmpeg's sine source has amplitude 1/8.
      const peak = wave.subarray(16_000, 32_000).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(peak).toBeCloseTo(0.125, 2);
    });

    it('reads the first channel like ImageBind, or mixes on request', async () => {
      const left = await makeTestVideo(ff, dir, {
        durationS: 2,
        toneHz: 440,
        leftOnly: true,
        name: 'left.mp4',
      });
      const peak = (w: Float32Array) =>
        w.subarray(8_000, 24_000).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(peak(await decodeAudio(ff, left, { channel: 'first' }))).toBeCloseTo(0.125, 2);
      expect(peak(await decodeAudio(ff, left, { channel: 'mix' }))).toBeCloseTo(0.0625, 2);
    });

    it('refuses a playlist disguised as a video (it would read other local files)', async () => {
      const evil = join(dir, 'evil.mp4');
      await writeFile(evil, `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n${video}\n#EXT-X-ENDLIST\n`);
      await expect(probeMedia(ff, evil)).rejects.toThrow(/not on whitelist/);
      await expect(decodeFrames(ff, evil, [0], { width: 320, height: 240 })).rejects.toBeInstanceOf(
        FfmpegFailedError,
      );
      await expect(decodeAudio(ff, evil)).rejects.toBeInstanceOf(FfmpegFailedError);
    });

    it('fails with what ffmpeg said for a corrupt file or a missing audio stream', async () => {
      const bad = join(dir, 'bad.mp4');
      await writeFile(bad, 'not a video');
      const err = await probeMedia(ff, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FfmpegFailedError);
      expect((err as FfmpegFailedError).message).toMatch(/probing .*bad\.mp4 failed/);
      const silent = await makeTestVideo(ff, dir, { durationS: 1, toneHz: 0, name: 'silent.mp4' });
      await expect(decodeAudio(ff, silent)).rejects.toThrow(/matches no streams/);
    });

    it('kills a run after --media.timeout_ms', async () => {
      const quick = await createFfmpeg({ runner, timeout_ms: 400 });
      const t = performance.now();
      const endless = ['-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=25', '-f', 'null', '-'];
      await expect(quick.run('an endless run', endless)).rejects.toThrow(
        /an endless run failed: timed out after 400 ms/,
      );
      expect(performance.now() - t).toBeLessThan(5_000);
    });

    it('kills a run whose stdout passes the cap', async () => {
      const frames = [
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=64x64:rate=25:duration=60',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-',
      ];
      const err = await ff
        .run('too many frames', frames, { maxStdoutBytes: 64 * 64 * 3 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FfmpegFailedError);
      expect((err as FfmpegFailedError).message).toMatch(/too many frames failed: killed/);
      const one = await ff.run('one frame', [...frames.slice(0, 4), '-frames:v', '1', ...frames.slice(4)], {
        maxStdoutBytes: 64 * 64 * 3,
      });
      expect(one.byteLength).toBe(64 * 64 * 3);
    });

    it('turns a binary that vanished after start-up into an error, not a crash', async () => {
      const bin = join(dir, 'bin');
      await mkdir(bin, { recursive: true });
      for (const tool of ['ffmpeg', 'ffprobe']) {
        await writeFile(join(bin, tool), `#!/bin/sh\nexec ${tool} "$@"\n`);
        await chmod(join(bin, tool), 0o755);
      }
      const gone = await createFfmpeg({ ffmpeg_path: join(bin, 'ffmpeg'), runner });
      expect(gone.ffprobePath).toBe(join(bin, 'ffprobe'));
      await rm(bin, { recursive: true });
      await expect(decodeAudio(gone, video)).rejects.toThrow(/ENOENT/);
      await expect(probeMedia(gone, video)).rejects.toBeInstanceOf(FfmpegFailedError);
    });
  });
});
