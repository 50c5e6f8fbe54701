import { MediaInputError } from '../errors.js';
import type { Ffmpeg } from './createFfmpeg.js';

export interface DecodeAudioOptions {
  /** Output rate in Hz; ImageBind uses 16 kHz. */
  sampleRate?: number;
  /**
   * How to make mono: `first` keeps channel 0 (what ImageBind's Kaldi fbank reads from a
   * multi-channel waveform), `mix` averages all channels.
   */
  channel?: 'first' | 'mix';
  /** Only this window of the file, in seconds. */
  startS?: number;
  endS?: number;
}

/** Decodes the first audio stream to mono float32 samples in [-1, 1] at `sampleRate`. */
export async function decodeAudio(ff: Ffmpeg, file: string, options: DecodeAudioOptions = {}): Promise<Float32Array> {
  const rate = options.sampleRate ?? 16_000;
  if (!Number.isInteger(rate) || rate < 1000) throw new MediaInputError(`sample rate ${rate} must be an integer >= 1000`);
  const window: string[] = [];
  if (options.startS !== undefined) window.push('-ss', options.startS.toFixed(3));
  if (options.endS !== undefined) window.push('-to', options.endS.toFixed(3));
  const mono = (options.channel ?? 'first') === 'first' ? ['-af', 'pan=mono|c0=c0'] : ['-ac', '1'];
  const raw = await ff.run(`decoding the audio of ${file}`, [
    ...window,
    '-i', file,
    '-map', '0:a:0',
    ...mono,
    '-ar', String(rate),
    '-f', 'f32le',
    '-acodec', 'pcm_f32le',
    '-',
  ]);
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const samples = new Float32Array(raw.byteLength >> 2);
  new Uint8Array(samples.buffer).set(raw.subarray(0, samples.length * 4));
  return samples;
}
