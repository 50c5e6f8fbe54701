/**
 * New (height, width) so the short side becomes `size`, the long side scaled and floored
 * (pytorchvideo's short_side_scale).
 */
export function shortSideSize(height: number, width: number, size: number): [number, number] {
  if (width < height) return [Math.floor((height / width) * size), size];
  return [size, Math.floor((width / height) * size)];
}

interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  w1: Float32Array;
}

function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const w1 = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    // align_corners=False: sample at pixel centres; clamp negatives to the first pixel.
    const src = Math.max(scale * (o + 0.5) - 0.5, 0);
    const lo = Math.floor(src);
    i0[o] = lo;
    i1[o] = lo < inSize - 1 ? lo + 1 : lo;
    w1[o] = src - lo;
  }
  return { i0, i1, w1 };
}

/**
 * Bilinear resize of `planes` float planes (each inH×inW, row-major, packed back to back), with the
 * exact sampling of torch.nn.functional.interpolate(mode='bilinear', align_corners=False) without
 * antialiasing — what ImageBind's ShortSideScale calls.
 */
export function resizeBilinear(
  src: Float32Array,
  planes: number,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
): Float32Array {
  const ys = taps(inH, outH);
  const xs = taps(inW, outW);
  const out = new Float32Array(planes * outH * outW);
  for (let p = 0; p < planes; p++) {
    const base = p * inH * inW;
    const obase = p * outH * outW;
    for (let y = 0; y < outH; y++) {
      const r0 = base + ys.i0[y] * inW;
      const r1 = base + ys.i1[y] * inW;
      const wy1 = ys.w1[y];
      const wy0 = 1 - wy1;
      const orow = obase + y * outW;
      for (let x = 0; x < outW; x++) {
        const a = xs.i0[x];
        const b = xs.i1[x];
        const wx1 = xs.w1[x];
        const wx0 = 1 - wx1;
        out[orow + x] = wy0 * (wx0 * src[r0 + a] + wx1 * src[r0 + b]) + wy1 * (wx0 * src[r1 + a] + wx1 * src[r1 + b]);
      }
    }
  }
  return out;
}
