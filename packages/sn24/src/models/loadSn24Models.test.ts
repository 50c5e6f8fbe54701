import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFfmpeg, type Ffmpeg } from '@taonode/media';
import { makeTestVideo } from '@taonode/media/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cos } from '../scoring/vectors.js';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { type LoadedSn24Models, loadImageBind, loadSn24Models } from './loadSn24Models.js';

let ff: Ffmpeg;
let dir: string;
let models: LoadedSn24Models;
beforeAll(async () => {
  ff = await createFfmpeg();
  dir = await mkdtemp(join(tmpdir(), 'taonode-sn24-models-'));
  models = await loadSn24Models(await tinySn24ModelOptions(), { ff });
});
afterAll(async () => {
  await models?.close();
  await rm(dir, { recursive: true, force: true });
});

const finite1024 = (v: number[]) => v.length === 1024 && v.every(Number.isFinite);

describe('loadSn24Models (tiny models, real ORT + ffmpeg)', () => {
  it('embeds a clip: two 1,024-d finite vectors, reproducible, different for different videos', async () => {
    const a = await makeTestVideo(ff, dir, { durationS: 6, toneHz: 440, name: 'a.mp4' });
    const b = await makeTestVideo(ff, dir, { durationS: 6, toneHz: 2500, color: '0xcc2211', name: 'b.mp4' });
    const ea = await models.imagebind.embedClip(a);
    expect(finite1024(ea.video_emb) && finite1024(ea.audio_emb)).toBe(true);
    const again = await models.imagebind.embedClip(a);
    expect(again).toEqual(ea);
    const eb = await models.imagebind.embedClip(b);
    expect(cos(ea.video_emb, eb.video_emb)).toBeLessThan(0.95);
    expect(cos(ea.audio_emb, eb.audio_emb)).toBeLessThan(0.999);
  });

  it('a video without audio fails with a clear error', async () => {
    const silent = await makeTestVideo(ff, dir, { durationS: 3, toneHz: 0, name: 'silent.mp4' });
    await expect(models.imagebind.embedClip(silent)).rejects.toThrow(/silent\.mp4|audio|stream/i);
  });

  it('text: chunked mean for long descriptions, per-chunk rows, unique tokens', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `sentence number ${i} about nanotechnology.`).join(' ');
    const [short, longEmb, empty] = await models.imagebind.embedTexts(['a cat video', long, '']);
    expect([short, longEmb, empty].every((v) => v !== undefined && finite1024(v))).toBe(true);
    const chunks = await models.imagebind.embedTextChunks(long);
    expect(chunks.length).toBeGreaterThan(2);
    const again = await models.imagebind.embedTexts(['a cat video']);
    expect(again[0]).toEqual(short);
    expect(models.imagebind.uniqueTokens('a a a b')).toBe(2);
  });

  it('gte similarity: 1 for the same text, less for different texts', async () => {
    const same = await models.textSimilarity.similarity('music video', 'music video');
    expect(same).toBeCloseTo(1, 5);
    const diff = await models.textSimilarity.similarity('music video', 'the cat and the nanotechnology');
    expect(diff).toBeLessThan(0.999);
  });

  it('unstuffer: one result per description with a probability', async () => {
    const r = await models.unstuffer.classify(['a cat video', 'the the the the and and and']);
    expect(r).toHaveLength(2);
    for (const x of r) {
      expect(typeof x.stuffed).toBe('boolean');
      expect(x.confidence).toBeGreaterThanOrEqual(0.5);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('loadImageBind alone; a missing model file is a clear error', async () => {
    const opts = await tinySn24ModelOptions();
    const ib = await loadImageBind(opts.imagebind, opts.inference, { ff });
    expect((await ib.embedTexts(['x']))[0]).toHaveLength(1024);
    await ib.release();
    await expect(
      loadSn24Models({ ...opts, gte: { source: { kind: 'local', dir: join(dir, 'nowhere') } } }, { ff }),
    ).rejects.toThrow(/does not exist/);
  });
});
