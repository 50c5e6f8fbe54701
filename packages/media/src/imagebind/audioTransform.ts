import { MediaInputError } from '../errors.js';
import type { Ffmpeg } from '../ffmpeg/createFfmpeg.js';
import { decodeAudio } from '../ffmpeg/decodeAudio.js';
import { clipTimepoints } from './clipTimepoints.js';
import { kaldiFbank } from './kaldiFbank.js';

/** ImageBind's audio settings (`load_and_transform_audio_data`). */
export const AUDIO_SETTINGS = {
  sampleRate: 16_000,
  clipDurationS: 2,
  clipsPerVideo: 3,
  numMelBins: 128,
  targetLength: 204,
  mean: -4.268,
  std: 9.138,
} as const;

/**
 * Mel-spectrogram clips from a 16 kHz mono waveform: 3 windows of 2 s spread over the audio, each
 * mean-removed, Kaldi fbank (128 bins), padded with zeros or cut to 204 frames, then normalised
 * ((x − mean) / std, padding included). Returns [3, 1, 128, 204].
 *
 * The mean removal is done in place on a shared copy of the waveform, like ImageBind (which
 * subtracts from a view of its tensor): when windows overlap, a later window sees the earlier
 * subtraction. Reproducing it keeps results equal for clips shorter than 6 s.
 */
export function melClips(waveform: Float32Array): { data: Float32Array; dims: number[] } {
  const s = AUDIO_SETTINGS;
  const wave = waveform.slice();
  const windows = clipTimepoints(wave.length / s.sampleRate, s.clipDurationS, s.clipsPerVideo);
  const clipSize = s.numMelBins * s.targetLength;
  const out = new Float32Array(windows.length * clipSize);
  windows.forEach(([start, end], c) => {
    const view = wave.subarray(Math.trunc(start * s.sampleRate), Math.trunc(end * s.sampleRate));
    let mean = 0;
    for (let i = 0; i < view.length; i++) mean += view[i];
    mean = view.length > 0 ? mean / view.length : 0;
    for (let i = 0; i < view.length; i++) view[i] -= mean;
    const { frames, data } = kaldiFbank(view, { sampleRate: s.sampleRate, numMelBins: s.numMelBins });
    const base = c * clipSize;
    // [frames][bins] → [bins][targetLength], zero-padded (before normalisation) or cut.
    for (let m = 0; m < s.numMelBins; m++) {
      for (let t = 0; t < s.targetLength; t++) {
        const v = t < frames ? data[t * s.numMelBins + m] : 0;
        out[base + m * s.targetLength + t] = (v - s.mean) / s.std;
      }
    }
  });
  return { data: out, dims: [windows.length, 1, s.numMelBins, s.targetLength] };
}

export interface AudioInput {
  data: Float32Array;
  dims: number[];
  /** Seconds in ffmpeg and in the JS transform. */
  timings: { decodeS: number; transformS: number };
}

/** Decodes a file's audio and preprocesses it exactly as ImageBind's `load_and_transform_audio_data`. */
export async function loadAudioInput(ff: Ffmpeg, file: string): Promise<AudioInput> {
  const t0 = performance.now();
  const wave = await decodeAudio(ff, file, { sampleRate: AUDIO_SETTINGS.sampleRate, channel: 'first' });
  if (wave.length === 0) throw new MediaInputError(`${file} has no audio samples`);
  const t1 = performance.now();
  const { data, dims } = melClips(wave);
  const t2 = performance.now();
  return { data, dims, timings: { decodeS: (t1 - t0) / 1000, transformS: (t2 - t1) / 1000 } };
}
