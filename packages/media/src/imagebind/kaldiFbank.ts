/**
 * Kaldi-compatible log mel filterbank with the settings ImageBind passes to
 * torchaudio.compliance.kaldi.fbank: 25 ms Hanning window (symmetric), 10 ms hop, snip_edges,
 * DC offset removed per frame, pre-emphasis 0.97, FFT padded to a power of two, power spectrum,
 * mel (1127·ln(1 + f/700)) triangles from 20 Hz to Nyquist, log with a float32-epsilon floor,
 * dither 0, no energy term. Computed in float64.
 */
export interface FbankOptions {
  sampleRate: number;
  numMelBins: number;
  frameLengthMs?: number;
  frameShiftMs?: number;
  lowFreq?: number;
  preemphasis?: number;
}

/** torch.finfo(torch.float32).eps: the floor before the log. */
export const FLOAT32_EPS = 1.1920928955078125e-7;

function melScale(f: number): number {
  return 1127 * Math.log(1 + f / 700);
}

/** [numMelBins][fftSize/2 + 1] triangular weights (last column always 0, as Kaldi pads it). */
export function melBanks(
  numBins: number,
  fftSize: number,
  sampleRate: number,
  lowFreq: number,
): Float64Array[] {
  const half = fftSize / 2;
  const nyquist = sampleRate / 2;
  const binWidth = sampleRate / fftSize;
  const melLow = melScale(lowFreq);
  const melHigh = melScale(nyquist);
  const delta = (melHigh - melLow) / (numBins + 1);
  // Every triangle is evaluated at the same FFT bin frequencies; take their mel values once.
  const binMel = new Float64Array(half);
  for (let k = 0; k < half; k++) binMel[k] = melScale(binWidth * k);
  const banks: Float64Array[] = [];
  for (let m = 0; m < numBins; m++) {
    const left = melLow + m * delta;
    const center = melLow + (m + 1) * delta;
    const right = melLow + (m + 2) * delta;
    const row = new Float64Array(half + 1);
    for (let k = 0; k < half; k++) {
      const mel = binMel[k];
      const up = (mel - left) / (center - left);
      const down = (right - mel) / (right - center);
      row[k] = Math.max(0, Math.min(up, down));
    }
    banks.push(row);
  }
  return banks;
}

const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddleTable(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddles.get(n);
  if (t === undefined) {
    t = { cos: new Float64Array(n / 2), sin: new Float64Array(n / 2) };
    for (let k = 0; k < n / 2; k++) {
      t.cos[k] = Math.cos((-2 * Math.PI * k) / n);
      t.sin[k] = Math.sin((-2 * Math.PI * k) / n);
    }
    twiddles.set(n, t);
  }
  return t;
}

/** In-place iterative radix-2 FFT of (re, im), length a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  const { cos, sin } = twiddleTable(n);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride];
        const wi = sin[k * stride];
        const a = i + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** Returns { frames, data: [frames][numMelBins] } of log mel energies. */
export function kaldiFbank(
  wave: Float32Array,
  options: FbankOptions,
): { frames: number; data: Float32Array } {
  const windowSize = Math.trunc((options.sampleRate * (options.frameLengthMs ?? 25)) / 1000);
  const shift = Math.trunc((options.sampleRate * (options.frameShiftMs ?? 10)) / 1000);
  const preemph = options.preemphasis ?? 0.97;
  let fftSize = 1;
  while (fftSize < windowSize) fftSize <<= 1;
  const frames = wave.length < windowSize ? 0 : 1 + Math.floor((wave.length - windowSize) / shift);
  const bins = options.numMelBins;
  const banks = melBanks(bins, fftSize, options.sampleRate, options.lowFreq ?? 20);
  // Each triangle is non-zero on a few FFT bins only; sum over those.
  const spans = banks.map((row) => {
    let lo = row.findIndex((w) => w > 0);
    if (lo < 0) lo = 0;
    let hi = row.length - 1;
    while (hi > lo && row[hi] === 0) hi--;
    return [lo, hi] as const;
  });
  const window = new Float64Array(windowSize);
  for (let i = 0; i < windowSize; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (windowSize - 1));
  const out = new Float32Array(frames * bins);
  const frame = new Float64Array(windowSize);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const power = new Float64Array(fftSize / 2 + 1);
  for (let f = 0; f < frames; f++) {
    let mean = 0;
    for (let i = 0; i < windowSize; i++) {
      frame[i] = wave[f * shift + i];
      mean += frame[i];
    }
    mean /= windowSize;
    for (let i = 0; i < windowSize; i++) frame[i] -= mean;
    re.fill(0);
    im.fill(0);
    // Pre-emphasis with the first sample repeated on the left, then the window.
    for (let i = windowSize - 1; i >= 0; i--) {
      const prev = i > 0 ? frame[i - 1] : frame[0];
      re[i] = (frame[i] - preemph * prev) * window[i];
    }
    fft(re, im);
    for (let k = 0; k <= fftSize / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let m = 0; m < bins; m++) {
      const row = banks[m];
      const [lo, hi] = spans[m];
      let e = 0;
      for (let k = lo; k <= hi; k++) e += row[k] * power[k];
      out[f * bins + m] = Math.log(Math.max(e, FLOAT32_EPS));
    }
  }
  return { frames, data: out };
}
