import { createAxon, createDendrite, isSuccess } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { describe, expect, it } from 'vitest';
import { Audios, audiosRequest, VideoMetadataSchema, Videos, videosRequest } from './protocol.js';
import { e, videoItem } from './testing/vectors.js';

describe('Videos synapse wire format', () => {
  it('is named like the Python class, with input-obj headers for the two required fields', () => {
    expect(Videos.name).toBe('Videos');
    expect(Videos.inputObjHeaders).toEqual({
      bt_header_input_obj_query: 'IiI=', // base64('""')
      bt_header_input_obj_num_videos: 'MA==', // base64('0')
    });
    expect(Videos.hashFields).toEqual([]);
    expect(Videos.timeoutS).toBe(120);
    const s = videosRequest('Advances in nanotechnology');
    expect(s).toMatchObject({ query: 'Advances in nanotechnology', num_videos: 8, video_metadata: null });
    expect(audiosRequest('Chess')).toMatchObject({
      query: 'Chess podcast',
      num_audios: 4,
      audio_metadata: null,
    });
  });

  it('parses a Python-shaped body and ignores unknown (historical) fields', () => {
    const body = {
      name: 'Videos',
      timeout: 120.0,
      total_size: 8231,
      header_size: 0,
      dendrite: { status_code: 200, hotkey: '5F', nonce: 1732000000000000000n },
      axon: { status_code: 200 },
      computed_body_hash: '',
      query: 'Chess',
      num_videos: 8,
      vali_imagebind_version: '2.0',
      video_metadata: [{ ...videoItem(), views: 12n, extra: 1 }],
    };
    const r = Videos.parse(body);
    if (!r.success) throw new Error('expected the body to parse');
    expect(r.data.video_metadata?.[0]?.views).toBe(12);
    expect('vali_imagebind_version' in r.data).toBe(false);
  });

  it.each([
    ['a 1,023-number embedding', { video_emb: e(0).slice(1) }, /exactly 1024 numbers/],
    ['NaN', { audio_emb: Object.assign(e(0), { 5: Number.NaN }) }, /audio_emb/],
    [
      'Infinity',
      { description_emb: Object.assign(e(0), { 9: Number.POSITIVE_INFINITY }) },
      /description_emb/,
    ],
    [
      'a numeric string in an embedding',
      { video_emb: Object.assign<unknown[], object>(e(0), { 3: '0.5' }) },
      /video_emb/,
    ],
    ['a non-numeric views', { views: 'many' }, /views/],
    ['a fractional start time', { start_time: 1.5 }, /start_time/],
  ])('rejects %s, naming the field', (_what, over, msg) => {
    const r = VideoMetadataSchema.safeParse({ ...videoItem(), ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toMatch(msg);
  });
});

describe('Videos over a real axon and dendrite', () => {
  it('a miner answers, a validator reads the metadata; a malformed answer is a 422 non-response', async () => {
    const miner = Keypair.fromUri('//Alice');
    const validator = Keypair.fromUri('//Bob');
    let bad = false;
    const axon = createAxon({ signer: miner, ip: '127.0.0.1', port: 0 });
    axon.attach(Videos, {
      forward: async (s) => {
        const item = videoItem({ description: `about ${s.query}` });
        return { ...s, video_metadata: bad ? [{ ...item, video_emb: [1, 2, 3] }] : [item, item] };
      },
    });
    axon.attach(Audios, { forward: async (s) => ({ ...s, audio_metadata: [] }) });
    await axon.start();
    const dendrite = createDendrite({ signer: validator });
    try {
      const target = { ip: '127.0.0.1', port: axon.address.port, hotkey: miner.ss58Address };
      const [ok] = await dendrite.query([target], videosRequest('Chess'));
      expect(isSuccess(ok!)).toBe(true);
      expect(ok!.video_metadata).toHaveLength(2);
      expect(ok!.video_metadata![0]!.description).toBe('about Chess');
      expect(ok!.video_metadata![0]!.video_emb).toHaveLength(1024);
      bad = true;
      const [broken] = await dendrite.query([target], videosRequest('Chess'));
      expect(broken!.dendrite.status_code).toBe(422);
      expect(broken!.dendrite.status_message).toMatch(/Failed to parse response/);
      const [audio] = await dendrite.query([target], audiosRequest('Chess'));
      expect(audio!.audio_metadata).toEqual([]);
    } finally {
      await dendrite.close();
      await axon.stop();
    }
  });
});
