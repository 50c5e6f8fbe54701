import { TaonodeError } from '@taonode/kit';

/** A WAV the validator cannot read as 16-bit PCM (the reference format: mono, 16 kHz). */
export class WavFormatError extends TaonodeError {}

/**
 * The PCM16 samples of a RIFF/WAVE file, for the audio spot check's sample-exact comparison.
 * Only `fmt ` (format 1, 16 bits) and `data` chunks matter; other chunks are skipped.
 */
export function wavPcm16Samples(bytes: Uint8Array): {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
} {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let fmt: { sampleRate: number; channels: number } | undefined;
  let o = 12;
  while (o + 8 <= b.length) {
    const id = b.toString('latin1', o, o + 4);
    const size = b.readUInt32LE(o + 4);
    const body = o + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > b.length) throw new WavFormatError('truncated fmt chunk');
      if (b.readUInt16LE(body) !== 1 || b.readUInt16LE(body + 14) !== 16) {
        throw new WavFormatError('only 16-bit integer PCM is accepted');
      }
      fmt = { channels: b.readUInt16LE(body + 2), sampleRate: b.readUInt32LE(body + 4) };
    } else if (id === 'data') {
      if (fmt === undefined) throw new WavFormatError('data chunk before fmt chunk');
      const end = Math.min(b.length, body + size);
      const n = Math.floor((end - body) / 2);
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++) samples[i] = b.readInt16LE(body + 2 * i);
      return { ...fmt, samples };
    }
    o = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

/** Sample-exact equality, the reference's audio spot check. */
export function samePcm(a: Int16Array, b: Int16Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
