import { describe, expect, it } from 'vitest';
import type { AudioMetadata } from '../protocol.js';
import { e, vec } from '../testing/vectors.js';
import { type AudioScoringDeps, scoreAudiosResponse } from './audioReward.js';
import { SpotCheckDownloadError } from './spotCheck.js';
import { WavFormatError, wavPcm16Samples } from './wavSamples.js';

/** A 16 kHz mono PCM16 WAV holding `samples`. */
function wav(samples: number[]): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (const [i, s] of samples.entries()) data.writeInt16LE(s, i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(16000, 24);
  h.writeUInt32LE(32000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const item = (over: Partial<AudioMetadata>): AudioMetadata => ({
  video_id: 'AAAAAAAAAAA',
  views: 1,
  start_time: 0,
  end_time: 60,
  audio_emb: e(0),
  audio_bytes: wav([1, -2, 3]).toString('base64'),
  diar_timestamps_start: [0],
  diar_timestamps_end: [60],
  diar_speakers: ['SPEAKER_00'],
  ...over,
});
const A = item({});
const B = item({ video_id: 'BBBBBBBBBBB', end_time: 80, audio_emb: e(1) });
const SHORT = item({ video_id: 'CCCCCCCCCCC', end_time: 30, audio_emb: e(2) }); // 5..120 but not 45..80

const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};
const deps = (over: Partial<AudioScoringDeps> = {}): AudioScoringDeps => ({
  rng: () => 0.5,
  embedText: async () => vec({ 0: 1, 1: 1 }),
  qualityParts: async () => ({
    speechContent: 0.8,
    speakerDominance: 0.5,
    backgroundNoise: 0.4,
    uniqueSpeakers: 1,
  }),
  diarizationError: async () => 0.25,
  ...over,
});

describe('scoring one Audios response (spec §5.5)', () => {
  it('golden total = 0.6·invDER + 0.1·length + 0.2·quality + 0.1·query', async () => {
    // invDER 0.75, length (60 + 80) / 320 = 0.4375, quality 0.8, query mean(1/√2, 1/√2)
    const r = await scoreAudiosResponse([A, B, SHORT], 'Chess podcast', deps());
    expect(r.reason).toBe('scored');
    expect(r.accepted.map((m) => m.video_id)).toEqual(['AAAAAAAAAAA', 'BBBBBBBBBBB']);
    expect(r.parts?.length).toBe(0.4375);
    expect(r.reward).toBeCloseTo(0.45 + 0.04375 + 0.16 + 0.1 * Math.SQRT1_2, 12);
  });

  it('empty → 0.005, a bad id → −5, duplicate audio → one kept, only short clips → 0.005', async () => {
    expect(await scoreAudiosResponse(null, 'q', deps())).toMatchObject({ reward: 0.005, reason: 'empty' });
    expect(await scoreAudiosResponse([A, { ...B, video_id: 'x' }], 'q', deps())).toMatchObject({
      reward: -5,
    });
    const dup = await scoreAudiosResponse([A, { ...B, audio_emb: vec({ 0: 1, 3: 0.1 }) }], 'q', deps());
    expect(dup.accepted.map((m) => m.video_id)).toEqual(['BBBBBBBBBBB']);
    expect(await scoreAudiosResponse([SHORT], 'q', deps())).toMatchObject({
      reward: 0.005,
      reason: 'no_valid_clips',
    });
  });

  it('spot check (draw < 0.1): sample-exact WAV equality, else −5', async () => {
    const same = deps({ rng: seq(0.05, 0, 0), downloadWav: async () => wav([1, -2, 3]) });
    expect((await scoreAudiosResponse([A, B], 'q', same)).reason).toBe('scored');
    const off = deps({ rng: seq(0.05, 0), downloadWav: async () => wav([1, -2, 4]) });
    expect(await scoreAudiosResponse([A, B], 'q', off)).toMatchObject({
      reward: -5,
      reason: 'spot_check_failed',
    });
    const garbage = deps({ rng: seq(0.05, 0), downloadWav: async () => wav([1, -2, 3]) });
    expect(await scoreAudiosResponse([{ ...A, audio_bytes: 'bm90IGEgd2F2' }, B], 'q', garbage)).toMatchObject(
      {
        reward: -5,
      },
    );
    const fake = deps({
      rng: seq(0.05, 0),
      downloadWav: async () => {
        throw new SpotCheckDownloadError('fake', 'Video unavailable');
      },
    });
    expect(await scoreAudiosResponse([A, B], 'q', fake)).toMatchObject({
      reward: -5,
      reason: 'spot_check_fake',
    });
  });

  it('a failing model gives null, not a crash', async () => {
    const broken = deps({
      diarizationError: async () => {
        throw new Error('pipeline not loaded');
      },
    });
    expect(await scoreAudiosResponse([A, B], 'q', broken)).toMatchObject({
      reward: null,
      reason: 'scoring_error',
    });
  });

  it('reads PCM16 WAVs and refuses anything else by name', () => {
    expect(Array.from(wavPcm16Samples(wav([5, -7])).samples)).toEqual([5, -7]);
    expect(() => wavPcm16Samples(Buffer.from('nope'))).toThrow(WavFormatError);
    const float = wav([1]);
    float.writeUInt16LE(3, 20);
    expect(() => wavPcm16Samples(float)).toThrow(/16-bit integer PCM/);
  });
});
