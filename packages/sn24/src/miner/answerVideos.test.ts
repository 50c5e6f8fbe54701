import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OnnxImageBind } from '@taonode/media';
import { createFfmpeg, type Ffmpeg } from '@taonode/media';
import { makeTestVideo } from '@taonode/media/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageBind } from '../models/loadSn24Models.js';
import { cos } from '../scoring/vectors.js';
import { localFolderSource } from '../sources/localFolderSource.js';
import type { VideoSource } from '../sources/types.js';
import { stableVideoId } from '../sources/videoId.js';
import { makeDemoVideoFolder } from '../testing/demoVideoFolder.js';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { answerVideos, chooseClip, type SkippedVideo } from './answerVideos.js';

let ff: Ffmpeg;
let root: string;
let videos: string;
let work: string;
let imagebind: OnnxImageBind;
beforeAll(async () => {
  ff = await createFfmpeg();
  root = await mkdtemp(join(tmpdir(), 'taonode-sn24-miner-'));
  videos = join(root, 'videos');
  work = await mkdtemp(join(root, 'work-'));
  await makeDemoVideoFolder(ff, videos, { count: 3, durationS: 6 });
  await makeTestVideo(ff, videos, { durationS: 3, name: 'short.mp4' });
  const opts = await tinySn24ModelOptions();
  imagebind = await loadImageBind(opts.imagebind, opts.inference, { ff });
});
afterAll(async () => {
  await imagebind?.release();
  await rm(root, { recursive: true, force: true });
});

describe('chooseClip', () => {
  it('keeps 0 … min(duration, 120) whole seconds, refuses clips under 5 s', () => {
    expect(chooseClip(300)).toEqual({ startS: 0, endS: 120 });
    expect(chooseClip(7.9)).toEqual({ startS: 0, endS: 7 });
    expect(chooseClip(5)).toEqual({ startS: 0, endS: 5 });
    expect(chooseClip(4.99)).toBeUndefined();
    expect(chooseClip(Number.NaN)).toBeUndefined();
  });
});

describe('answerVideos (local folder, tiny ImageBind, real ffmpeg)', () => {
  it('answers with clipped, embedded videos; too-short ones skipped; no files left behind', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const skipped: SkippedVideo[] = [];
    const out = await answerVideos('Cooking pasta', 8, {
      source,
      embedder: imagebind,
      workDir: work,
      onSkip: (s) => skipped.push(s),
    });
    expect(out).toHaveLength(3);
    expect(out[0]?.description).toMatch(/^Cooking pasta at home \(demo 1\)\n\nA generated demo clip/);
    for (const v of out) {
      expect(v.video_id).toHaveLength(11);
      expect(v.end_time - v.start_time).toBeGreaterThanOrEqual(5);
      expect(v.end_time - v.start_time).toBeLessThanOrEqual(120);
      for (const e of [v.video_emb, v.audio_emb, v.description_emb]) {
        expect(e).toHaveLength(1024);
        expect(e.every(Number.isFinite)).toBe(true);
      }
    }
    expect(cos(out[0]?.video_emb ?? [], out[1]?.video_emb ?? [])).toBeLessThan(0.95);
    expect(skipped).toEqual([
      { video_id: stableVideoId('short.mp4'), reason: expect.stringMatching(/too short/) },
    ]);
    expect(await readdir(work)).toEqual([]);
  });

  it('a validator re-downloading the same range gets matching embeddings (spot check)', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const [item] = await answerVideos('Deep sea creatures', 1, {
      source,
      embedder: imagebind,
      workDir: work,
    });
    if (item === undefined) throw new Error('no answer');
    const clip = await source.downloadClip(
      item.video_id,
      { startS: item.start_time, endS: item.end_time },
      work,
    );
    const again = await imagebind.embedClip(clip);
    const [desc] = await imagebind.embedTexts([item.description]);
    expect(cos(again.video_emb, item.video_emb)).toBeGreaterThan(0.95);
    expect(cos(again.audio_emb, item.audio_emb)).toBeGreaterThan(0.95);
    expect(cos(desc ?? [], item.description_emb)).toBeGreaterThan(0.95);
    await rm(clip);
  });

  it('a corrupt download, a failing download or a long video never throw; ranges stay ≤ 120 s', async () => {
    const local = localFolderSource({ dir: videos, ff });
    const [good] = await local.list();
    const ranges: { startS: number; endS: number }[] = [];
    const source: VideoSource = {
      kind: 'fake',
      search: async () => [
        { video_id: 'corruptAAAA', title: 'bad', description: '', views: 1, durationS: 30 },
        { video_id: 'missingAAAA', title: 'gone', description: '', views: 1, durationS: 30 },
        { video_id: good?.video_id ?? '', title: 'long', description: 'd', views: 1, durationS: 600 },
      ],
      downloadClip: async (id, range, dir) => {
        ranges.push(range);
        if (id === 'missingAAAA') throw new Error('Video unavailable');
        if (id === 'corruptAAAA') {
          const f = join(dir, 'corrupt.mp4');
          await writeFile(f, 'this is not a video');
          return f;
        }
        return local.downloadClip(id, { startS: 0, endS: 6 }, dir);
      },
    };
    const skipped: SkippedVideo[] = [];
    const out = await answerVideos('q', 8, {
      source,
      embedder: imagebind,
      workDir: work,
      onSkip: (s) => skipped.push(s),
    });
    expect(out.map((v) => [v.video_id, v.end_time])).toEqual([[good?.video_id, 120]]);
    expect(ranges.at(-1)).toEqual({ startS: 0, endS: 120 });
    expect(skipped.map((s) => s.video_id)).toEqual(['corruptAAAA', 'missingAAAA']);
    expect(skipped[0]?.reason).toMatch(/corrupt\.mp4|Invalid data|failed/i);
    expect(skipped[1]?.reason).toBe('Video unavailable');
    expect(await readdir(work)).toEqual([]);
  });

  it('stops starting new videos when the time budget is spent', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const skipped: SkippedVideo[] = [];
    const out = await answerVideos('x', 8, {
      source,
      embedder: imagebind,
      workDir: work,
      budgetMs: -1,
      onSkip: (s) => skipped.push(s),
    });
    expect(out).toEqual([]);
    expect(skipped.every((s) => s.reason === 'time budget spent')).toBe(true);
  });
});
