import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createFfmpeg, type Ffmpeg, probeMedia } from '@taonode/media';
import { makeTestVideo } from '@taonode/media/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpotCheckDownloadError } from '../scoring/spotCheck.js';
import { findYtDlp, parseSearchOutput, YtDlpError, ytDlpSource } from './ytDlpSource.js';

// A stand-in yt-dlp: prints the JSON lines `--flat-playlist --dump-json ytsearchN:` prints, and for
// downloads writes a pre-made video where `-o` says, or fails with yt-dlp's real error wording.
const FAKE = `
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify(args) + '\\n');
const target = args[args.length - 1];
const search = /^ytsearch(\\d+):(.*)$/.exec(target);
if (search) {
  if (search[2] === 'explode') { process.stderr.write('ERROR: Unable to download API page: HTTP Error 429\\n'); process.exit(1); }
  const entries = [
    { id: 'aaaaaaaaaaa', title: search[2] + ' one', description: 'first', duration: 42.5, view_count: 1000 },
    { id: 'bbbbbbbbbbb', title: 'live', live_status: 'is_live', duration: null },
    { id: 'short', title: 'bad id' },
    { id: 'ccccccccccc', title: 'two', description: null, duration: null, view_count: null },
  ];
  for (const e of entries.slice(0, Number(search[1]))) console.log(JSON.stringify({ _type: 'url', ie_key: 'Youtube', ...e }));
  process.exit(0);
}
const id = target.split('v=')[1];
if (id === 'unavailabl1') { process.stderr.write('ERROR: [youtube] unavailabl1: Video unavailable. This video has been removed by the uploader\\n'); process.exit(1); }
if (id === 'blockedipAA') { process.stderr.write("ERROR: [youtube] blockedipAA: Sign in to confirm you're not a bot. Your IP is likely being blocked by Youtube\\n"); process.exit(1); }
if (id === 'sleepsAAAAA') { setTimeout(() => {}, 60000); return; }
const out = args[args.indexOf('-o') + 1].replace('%(ext)s', 'mp4');
fs.writeFileSync(out + '.part', '');
fs.copyFileSync(process.env.FAKE_VIDEO, out);
fs.unlinkSync(out + '.part');
`;

let ff: Ffmpeg;
let root: string;
let bin: string;
let log: string;
beforeAll(async () => {
  ff = await createFfmpeg();
  root = await mkdtemp(join(tmpdir(), 'taonode-sn24-ytdlp-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'yt-dlp'), `#!${process.execPath}\n${FAKE}`);
  await chmod(join(bin, 'yt-dlp'), 0o755);
  log = join(root, 'calls.log');
  process.env.FAKE_LOG = log;
  process.env.FAKE_VIDEO = await makeTestVideo(ff, root, { durationS: 6, name: 'sample.mp4' });
});
afterAll(async () => {
  delete process.env.FAKE_LOG;
  delete process.env.FAKE_VIDEO;
  await rm(root, { recursive: true, force: true });
});

const lastCall = async (): Promise<string[]> =>
  JSON.parse((await readFile(log, 'utf8')).trim().split('\n').at(-1) ?? '[]');

describe('findYtDlp', () => {
  it('finds yt-dlp on PATH, takes a configured path, and says so when it is missing', () => {
    expect(findYtDlp(undefined, { PATH: ['/nonexistent', bin].join(delimiter) })).toBe(join(bin, 'yt-dlp'));
    expect(findYtDlp(undefined, { PATH: '/nonexistent' })).toBeUndefined();
    expect(findYtDlp(join(bin, 'yt-dlp'))).toBe(join(bin, 'yt-dlp'));
    expect(() => findYtDlp(join(root, 'nope'))).toThrow(YtDlpError);
  });
});

describe('ytDlpSource (fake yt-dlp executable)', () => {
  const source = () => ytDlpSource({ path: join(bin, 'yt-dlp'), download_timeout_ms: 3000 });

  it('searches with ytsearchN: and maps entries (live and bad ids skipped, defaults filled)', async () => {
    const found = await source().search('-nanotech', 4);
    expect(await lastCall()).toEqual(
      expect.arrayContaining(['--flat-playlist', '--dump-json', '--', 'ytsearch4:-nanotech']),
    );
    expect(found).toEqual([
      { video_id: 'aaaaaaaaaaa', title: '-nanotech one', description: 'first', views: 1000, durationS: 42.5 },
      { video_id: 'ccccccccccc', title: 'two', description: '', views: 0, durationS: 300 },
    ]);
    await expect(source().search('explode', 4)).rejects.toThrow(/HTTP Error 429/);
  });

  it('downloads only [start, end] in the worst format and moves the file out of its work folder', async () => {
    const dir = await mkdtemp(join(root, 'dl-'));
    const file = await source().downloadClip('aaaaaaaaaaa', { startS: 0, endS: 6 }, dir);
    const call = await lastCall();
    expect(call.slice(call.indexOf('-f'), call.indexOf('-f') + 4)).toEqual([
      '-f',
      'worst',
      '--download-sections',
      '*0-6',
    ]);
    expect(call.at(-1)).toBe('https://www.youtube.com/watch?v=aaaaaaaaaaa');
    expect((await probeMedia(ff, file)).video).toBeDefined();
    expect(await readdir(dir)).toEqual([file.slice(dir.length + 1)]);
  });

  it("maps yt-dlp's errors through the reference's classification", async () => {
    const dir = await mkdtemp(join(root, 'err-'));
    const fail = (id: string) =>
      source()
        .downloadClip(id, { startS: 0, endS: 5 }, dir)
        .catch((e: unknown) => e);
    const fake = await fail('unavailabl1');
    expect(fake).toBeInstanceOf(SpotCheckDownloadError);
    expect(fake).toMatchObject({
      kind: 'fake',
      message: expect.stringMatching(/^ERROR: .*Video unavailable/),
    });
    expect(await fail('blockedipAA')).toMatchObject({ kind: 'ip_blocked' });
    expect(await fail('sleepsAAAAA')).toMatchObject({
      kind: 'other',
      message: expect.stringMatching(/timed out/),
    });
    expect(await fail('x; rm -rf /')).toMatchObject({
      kind: 'fake',
      message: expect.stringMatching(/Incomplete YouTube ID/),
    });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('parseSearchOutput', () => {
  it('ignores non-JSON lines and malformed entries', () => {
    expect(parseSearchOutput('WARNING: x\n{"id": 5}\n{bad json\n{"id":"dQw4w9WgXcQ","title":"t"}\n')).toEqual(
      [{ video_id: 'dQw4w9WgXcQ', title: 't', description: '', views: 0, durationS: 300 }],
    );
  });
});
