import {
  CHECK_PROBABILITY,
  DIFFERENCE_THRESHOLD,
  FAKE_VIDEO_PUNISHMENT,
  MAX_AUDIO_LENGTH_SECONDS,
  MIN_AUDIO_LENGTH_SECONDS,
  MIN_SCORE,
  NUM_AUDIOS,
} from '../constants.js';
import type { AudioMetadata } from '../protocol.js';
import {
  type AudioQualityParts,
  audioLengthScore,
  audioQuality,
  audioQueryScore,
  audioTotalScore,
  inverseDer,
} from './audioScore.js';
import { dedupeInBatch, localNovelty } from './novelty.js';
import { pickIndex, SpotCheckDownloadError } from './spotCheck.js';
import { checkStructure } from './structure.js';
import type { Vec } from './vectors.js';
import { samePcm, wavPcm16Samples } from './wavSamples.js';

/** Models and downloads the audio task is scored with. */
export interface AudioScoringDeps {
  rng: () => number;
  embedText: (text: string) => Promise<Vec>;
  /** The validator's own 16 kHz mono PCM16 WAV of [start, end] (absent ⇒ never spot-checked). */
  downloadWav?: (item: AudioMetadata) => Promise<Uint8Array>;
  /** VAD/SNR/speaker measures of one WAV (spec §5.5 step 7). */
  qualityParts: (wav: Uint8Array) => Promise<AudioQualityParts>;
  /** DER of the miner's diarization against the validator's own run on that WAV. */
  diarizationError: (item: AudioMetadata, wav: Uint8Array) => Promise<number>;
}

export type AudioRewardReason =
  | 'empty'
  | 'fake_id'
  | 'spot_check_fake'
  | 'spot_check_failed'
  | 'no_valid_clips'
  | 'scoring_error'
  | 'scored';

export interface AudioReward {
  reward: number | null;
  reason: AudioRewardReason;
  accepted: AudioMetadata[];
  parts?: { inverseDer: number; length: number; quality: number; query: number };
  error?: unknown;
}

const done = (reward: number | null, reason: AudioRewardReason): AudioReward => ({
  reward,
  reason,
  accepted: [],
});
const wavOf = (item: AudioMetadata) => Buffer.from(item.audio_bytes ?? '', 'base64');

/** Spec §5.5 for one miner's `audio_metadata`; never throws (a failing model ⇒ null). */
export async function scoreAudiosResponse(
  metadata: readonly AudioMetadata[] | null,
  query: string,
  deps: AudioScoringDeps,
  numAudios = NUM_AUDIOS,
): Promise<AudioReward> {
  try {
    return await score(metadata, query, deps, numAudios);
  } catch (error) {
    return { reward: null, reason: 'scoring_error', accepted: [], error };
  }
}

async function score(
  metadata: readonly AudioMetadata[] | null,
  query: string,
  deps: AudioScoringDeps,
  numAudios: number,
): Promise<AudioReward> {
  const structure = checkStructure(metadata, numAudios);
  if (structure.kind === 'empty') return done(MIN_SCORE, 'empty');
  if (structure.kind === 'fake_id') return done(FAKE_VIDEO_PUNISHMENT, 'fake_id');
  let items = structure.items;
  if (items.length === 0) return done(MIN_SCORE, 'no_valid_clips');

  // Spot check (p = 0.1): the miner's WAV must equal the validator's own extraction sample for sample.
  if (deps.rng() < CHECK_PROBABILITY && deps.downloadWav !== undefined) {
    const item = items[pickIndex(items.length, deps.rng)]!;
    let theirs: Uint8Array;
    try {
      theirs = await deps.downloadWav(item);
    } catch (err) {
      if (err instanceof SpotCheckDownloadError && err.kind === 'fake')
        return done(FAKE_VIDEO_PUNISHMENT, 'spot_check_fake');
      throw err;
    }
    let same = false;
    try {
      same = samePcm(wavPcm16Samples(wavOf(item)).samples, wavPcm16Samples(theirs).samples);
    } catch {
      same = false; // an unreadable miner WAV fails the check
    }
    if (!same) return done(FAKE_VIDEO_PUNISHMENT, 'spot_check_failed');
  }

  const kept = dedupeInBatch(items.map((m) => m.audio_emb)).map((i) => items[i]!);
  const novelty = localNovelty(kept.map((m) => m.audio_emb));
  items = kept.filter((m, i) => {
    const len = m.end_time - m.start_time;
    return (
      novelty[i]! >= DIFFERENCE_THRESHOLD &&
      len >= MIN_AUDIO_LENGTH_SECONDS &&
      len <= MAX_AUDIO_LENGTH_SECONDS
    );
  });
  if (items.length === 0) return done(MIN_SCORE, 'no_valid_clips');

  const queryEmb = await deps.embedText(query);
  const sample = items[pickIndex(items.length, deps.rng)]!;
  const wav = wavOf(sample);
  const parts = {
    inverseDer: inverseDer(await deps.diarizationError(sample, wav)),
    length: audioLengthScore(items),
    quality: audioQuality(await deps.qualityParts(wav)),
    query: audioQueryScore(
      items.map((m) => m.audio_emb),
      queryEmb,
    ),
  };
  return { reward: audioTotalScore(parts), reason: 'scored', accepted: items, parts };
}
