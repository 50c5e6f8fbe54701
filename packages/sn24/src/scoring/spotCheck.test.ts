import { describe, expect, it } from 'vitest';
import { e, vec, videoItem } from '../testing/vectors.js';
import { classifyDownloadError, embeddingsMatch, runSpotCheck, SpotCheckDownloadError } from './spotCheck.js';

const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};
const cos96 = vec({ 0: 0.96, 1: 0.28 }); // unit, cos with e0 = 0.96
const cos94 = vec({ 0: 0.94, 1: Math.sqrt(1 - 0.94 ** 2) });

const items = [
  videoItem({ video_id: 'aaaaaaaaaaa', description: 'A', description_emb: e(0) }),
  videoItem({ video_id: 'bbbbbbbbbbb', description: 'B', description_emb: e(0) }),
  videoItem({ video_id: 'ccccccccccc', description: 'C', description_emb: e(0) }),
];

describe('spot check (p = 0.1 download, else description re-embed; cos > 0.95)', () => {
  it('description mode above and below the threshold; the random draw picks the item', async () => {
    const asked: string[] = [];
    const embedText = async (t: string) => {
      asked.push(t);
      return t === 'C' ? cos96 : cos94;
    };
    expect(await runSpotCheck(items, { rng: seq(0.5, 0.99), embedText })).toEqual({
      result: 'pass',
      mode: 'description',
      item: 2,
    });
    expect(await runSpotCheck(items, { rng: seq(0.5, 0.0), embedText })).toEqual({
      result: 'fail',
      mode: 'description',
      item: 0,
    });
    expect(asked).toEqual(['C', 'A']);
  });

  it('without a downloader every check is description-only, whatever the draw', async () => {
    const r = await runSpotCheck(items, { rng: seq(0.01, 0.4), embedText: async () => e(0) });
    expect(r).toMatchObject({ mode: 'description' });
  });

  it('0.1 is the download probability boundary (draw < 0.1 downloads)', async () => {
    let downloads = 0;
    const downloadAndEmbed = async () => {
      downloads++;
      return { video: e(0), audio: e(1), description: e(0) };
    };
    const embedText = async () => e(0);
    await runSpotCheck(items, { rng: seq(0.1, 0.5), embedText, downloadAndEmbed });
    expect(downloads).toBe(0);
    const r = await runSpotCheck(items, { rng: seq(0.0999, 0.5), embedText, downloadAndEmbed });
    expect(downloads).toBe(1);
    expect(r).toEqual({ result: 'pass', mode: 'download', item: 1 });
  });

  it('download mode requires all three embeddings to match', async () => {
    const r = await runSpotCheck(items, {
      rng: seq(0.05, 0),
      embedText: async () => e(0),
      downloadAndEmbed: async () => ({ video: e(0), audio: cos94, description: e(0) }),
    });
    expect(r).toEqual({ result: 'fail', mode: 'download', item: 0 });
  });

  it('a fake video ends the check; generic failures try the next item, then fall back', async () => {
    const fake = await runSpotCheck(items, {
      rng: seq(0.05, 0),
      embedText: async () => e(0),
      downloadAndEmbed: async () => {
        throw new SpotCheckDownloadError('fake', 'Video unavailable');
      },
    });
    expect(fake).toEqual({ result: 'fake', item: 0 });
    let tries = 0;
    const fallback = await runSpotCheck(items, {
      rng: seq(0.05, 0),
      embedText: async () => e(0),
      downloadAndEmbed: async () => {
        tries++;
        throw new Error('HTTP Error 503');
      },
    });
    expect(tries).toBe(3);
    expect(fallback).toMatchObject({ mode: 'description' });
  });

  it('an IP block falls back to the description check at once', async () => {
    let tries = 0;
    const r = await runSpotCheck(items, {
      rng: seq(0.05, 0),
      embedText: async () => e(0),
      downloadAndEmbed: async () => {
        tries++;
        throw new SpotCheckDownloadError('ip_blocked', 'blocked');
      },
    });
    expect(tries).toBe(1);
    expect(r).toEqual({ result: 'pass', mode: 'description', item: 0 });
  });

  it('classifies yt-dlp errors like the reference', () => {
    expect(classifyDownloadError('ERROR: Your IP is likely being blocked by Youtube')).toBe('ip_blocked');
    expect(classifyDownloadError('Requested format is not available')).toBe('ip_blocked');
    expect(classifyDownloadError('ERROR: [youtube] xyz: Video unavailable')).toBe('fake');
    expect(classifyDownloadError("'abc' is not a valid URL")).toBe('fake');
    expect(classifyDownloadError('Incomplete YouTube ID abc')).toBe('fake');
    expect(classifyDownloadError('Unsupported URL: x')).toBe('fake');
    expect(classifyDownloadError('HTTP Error 429')).toBe('other');
  });

  it('embeddingsMatch is strict at the threshold', () => {
    expect(embeddingsMatch([[e(0), cos96]])).toBe(true);
    expect(embeddingsMatch([[e(0), cos94]])).toBe(false);
    expect(embeddingsMatch([[e(0), cos96]], 0.96)).toBe(false);
  });
});
