import { MediaInputError } from '../errors.js';
import type { Ffmpeg } from './createFfmpeg.js';
import { probeMedia } from './probeMedia.js';
import { inputArgs } from './safeInput.js';

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
export async function decodeAudio(
  ff: Ffmpeg,
  file: string,
  options: DecodeAudioOptions = {},
): Promise<Float32Array> {
  const rate = options.sampleRate ?? 16_000;
  if (!Number.isInteger(rate) || rate < 1000)
    throw new MediaInputError(`sample rate ${rate} must be an integer >= 1000`);
  const window: string[] = [];
  if (options.startS !== undefined) window.push('-ss', options.startS.toFixed(3));
  if (options.endS !== undefined) window.push('-to', options.endS.toFixed(3));
  // ffmpeg's own downmix (-ac 1) applies a -3 dB pan law; `mix` is a plain average, done here.
  const mix = options.channel === 'mix';
  const channels = mix ? ((await probeMedia(ff, file)).audio?.channels ?? 1) : 1;
  const mono = mix ? [] : ['-af', 'pan=mono|c0=c0'];
  const raw = await ff.run(`decoding the audio of ${file}`, [
    ...window,
    ...inputArgs(file),
    '-map',
    '0:a:0',
    ...mono,
    '-ar',
    String(rate),
    '-f',
    'f32le',
    '-acodec',
    'pcm_f32le',
    '-',
  ]);
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const interleaved = new Float32Array(raw.byteLength >> 2);
  new Uint8Array(interleaved.buffer).set(raw.subarray(0, interleaved.length * 4));
  if (channels === 1) return interleaved;
  const out = new Float32Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += interleaved[i * channels + c];
    out[i] = s / channels;
  }
  return out;
}
