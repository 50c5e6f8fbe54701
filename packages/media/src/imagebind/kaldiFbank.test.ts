import { describe, expect, it } from 'vitest';
import { melClips } from './audioTransform.js';
import { FLOAT32_EPS, fft, kaldiFbank, melBanks } from './kaldiFbank.js';

const SR = 16_000;

/** Independent reference for one frame, written straight from the Kaldi recipe with a naive DFT. */
function referenceFrame(x: number[], bins: number): number[] {
  const n = 400;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const d = x.map((v) => v - mean);
  const pre = d.map((v, i) => v - 0.97 * (i === 0 ? d[0] : d[i - 1]));
  const win = pre.map((v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1))));
  const mel = (f: number) => 1127 * Math.log(1 + f / 700);
  const lo = mel(20);
  const delta = (mel(8000) - lo) / (bins + 1);
  const out: number[] = [];
  for (let m = 0; m < bins; m++) {
    let e = 0;
    for (let k = 0; k < 256; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        re += win[i] * Math.cos((-2 * Math.PI * k * i) / 512);
        im += win[i] * Math.sin((-2 * Math.PI * k * i) / 512);
      }
      const f = mel(31.25 * k);
      const w = Math.max(0, Math.min((f - (lo + m * delta)) / delta, (lo + (m + 2) * delta - f) / delta));
      e += w * (re * re + im * im);
    }
    out.push(Math.log(Math.max(e, FLOAT32_EPS)));
  }
  return out;
}

describe('Kaldi fbank as ImageBind calls it', () => {
  it('FFT matches a direct DFT', () => {
    const x = Array.from({ length: 16 }, (_, i) => Math.sin(i * 1.7) + (i % 3));
    const re = Float64Array.from(x);
    const im = new Float64Array(16);
    fft(re, im);
    for (let k = 0; k < 16; k++) {
      let r = 0;
      let j = 0;
      x.forEach((v, i) => {
        r += v * Math.cos((-2 * Math.PI * k * i) / 16);
        j += v * Math.sin((-2 * Math.PI * k * i) / 16);
      });
      expect(re[k]).toBeCloseTo(r, 9);
      expect(im[k]).toBeCloseTo(j, 9);
    }
  });

  it('has 1 + (N − 400) / 160 frames and matches the reference recipe on a frame', () => {
    const wave = Float32Array.from(
      { length: 2 * SR },
      (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / SR) + 0.05 * Math.sin(i * 0.013),
    );
    const { frames, data } = kaldiFbank(wave, { sampleRate: SR, numMelBins: 16 });
    expect(frames).toBe(198);
    const ref = referenceFrame([...wave.subarray(160 * 7, 160 * 7 + 400)], 16);
    for (let m = 0; m < 16; m++) expect(data[7 * 16 + m]).toBeCloseTo(ref[m], 3);
  });

  it('mel triangles: 128 bins from 20 Hz to 8 kHz, each peaking at 1 or just under', () => {
    const banks = melBanks(128, 512, SR, 20);
    expect(banks).toHaveLength(128);
    expect(banks[0]).toHaveLength(257);
    for (const row of banks) {
      expect(row[256]).toBe(0);
      expect(Math.max(...row)).toBeLessThanOrEqual(1);
    }
    // 1 kHz (FFT bin 32) is 44.48 mel steps above 20 Hz: it lies in triangles 43 and 44 only.
    const at1k = banks.map((r) => r[32]);
    expect(at1k.findIndex((w) => w > 0)).toBe(43);
    expect(at1k.filter((w) => w > 0)).toHaveLength(2);
  });

  it('silence gives log(eps) everywhere and the 6 padded frames normalise to 4.268/9.138', () => {
    const { data, dims } = melClips(new Float32Array(10 * SR));
    expect(dims).toEqual([3, 1, 128, 204]);
    for (const t of [0, 100, 197]) expect(data[5 * 204 + t]).toBeCloseTo(-1.277564582280449, 5);
    for (const t of [198, 203]) expect(data[127 * 204 + t]).toBeCloseTo(0.46706062595753994, 6);
    // A constant offset is removed (per clip and per frame): still silence.
    const dc = melClips(new Float32Array(10 * SR).fill(0.3));
    expect(dc.data[2 * 128 * 204 + 64 * 204 + 50]).toBeCloseTo(-1.277564582280449, 5);
  });

  it('a 1 kHz tone puts its energy in mel bins 43–44', () => {
    const wave = Float32Array.from(
      { length: 4 * SR },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / SR),
    );
    const { data } = melClips(wave);
    const column = Array.from({ length: 128 }, (_, m) => data[m * 204 + 100]);
    const best = column.indexOf(Math.max(...column));
    expect([43, 44]).toContain(best);
    // Normalised units: 1.5 × 9.138 ≈ 14 nats, i.e. the tone bin holds over 10^6 times the energy.
    expect(column[best] - column[10]).toBeGreaterThan(1.5);
  });
});
