import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFfmpeg, type Ffmpeg, probeMedia } from '@taonode/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpotCheckDownloadError } from '../scoring/spotCheck.js';
import { makeDemoVideoFolder } from '../testing/demoVideoFolder.js';
import { localFolderSource } from './localFolderSource.js';
import { stableVideoId } from './videoId.js';

let ff: Ffmpeg;
let root: string;
let videos: string;
beforeAll(async () => {
  ff = await createFfmpeg();
  root = await mkdtemp(join(tmpdir(), 'taonode-sn24-local-'));
  videos = join(root, 'videos');
  await makeDemoVideoFolder(ff, videos, { count: 3, durationS: 6 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('localFolderSource', () => {
  it('lists videos with stable 11-character ids, sidecar titles and durations', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const list = await source.list();
    expect(list).toHaveLength(3);
    expect(list[0]?.video_id).toBe(stableVideoId('demo-00.mp4'));
    expect(list.every((v) => /^[A-Za-z0-9_-]{11}$/.test(v.video_id))).toBe(true);
    expect(list[1]?.title).toBe('Cooking pasta at home (demo 1)');
    expect(list[1]?.views).toBe(200);
    expect(list[0]?.durationS).toBeCloseTo(6, 0);
    expect((await localFolderSource({ dir: videos, ff }).list()).map((v) => v.video_id)).toEqual(
      list.map((v) => v.video_id),
    );
  });

  it('search ranks by words in common, and returns any video when nothing matches', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const hits = await source.search('pasta recipes', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.title).toMatch(/pasta/);
    expect(await source.search('zzz unrelated', 10)).toHaveLength(3);
  });

  it('downloadClip cuts [start, end]; an unknown id is a fake video', async () => {
    const source = localFolderSource({ dir: videos, ff });
    const [first] = await source.list();
    const out = await mkdtemp(join(root, 'clips-'));
    const clip = await source.downloadClip(first?.video_id ?? '', { startS: 0, endS: 3 }, out);
    const info = await probeMedia(ff, clip);
    expect(info.durationS).toBeGreaterThan(2);
    expect(info.durationS).toBeLessThan(4.5);
    const err = await source.downloadClip('AAAAAAAAAAA', { startS: 0, endS: 5 }, out).catch((e) => e);
    expect(err).toBeInstanceOf(SpotCheckDownloadError);
    expect(err.kind).toBe('fake');
    expect(err.message).toMatch(/Video unavailable/);
    await expect(source.downloadClip(first?.video_id ?? '', { startS: 50, endS: 60 }, out)).rejects.toThrow(
      /outside/,
    );
  });

  it('skips corrupt files and bad sidecars without failing', async () => {
    const dir = join(root, 'mixed');
    await mkdir(dir);
    await writeFile(join(dir, 'broken.mp4'), 'not a video');
    await copyFile(join(videos, 'demo-00.mp4'), join(dir, 'ok.mp4'));
    await writeFile(join(dir, 'ok.json'), '{"views": "many"');
    const warnings: string[] = [];
    const source = localFolderSource({ dir, ff, onWarning: (m) => warnings.push(m) });
    const list = await source.list();
    expect(list.map((v) => v.title)).toEqual(['ok']);
    expect(warnings).toHaveLength(2);
  });
});

describe('chooseVideoSource', () => {
  it('uses the local folder when yt-dlp is not installed, and refuses a missing explicit yt-dlp', async () => {
    const { chooseVideoSource } = await import('./chooseVideoSource.js');
    expect(chooseVideoSource({ ff, localDir: videos, env: { PATH: '/nonexistent' } }).kind).toBe('local');
    expect(() => chooseVideoSource({ ff, localDir: videos, prefer: 'yt-dlp', env: { PATH: '' } })).toThrow(
      /yt-dlp/,
    );
  });
});
