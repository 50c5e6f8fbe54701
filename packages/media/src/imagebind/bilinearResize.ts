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
 * Bilinear resize with the exact sampling of torch.nn.functional.interpolate(mode='bilinear',
 * align_corners=False) without antialiasing — what ImageBind's ShortSideScale calls. Input is
 * interleaved (height × width × channels, e.g. an rgb24 frame); output is planar (channels × outH ×
 * outW), each value divided by `divisor`. Interpolating bytes and dividing afterwards equals
 * ImageBind's divide-then-resize (the map is linear) and skips a full-size float copy.
 */
export function resizeBilinear(
  src: Uint8Array | Float32Array,
  channels: number,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
  divisor = 1,
): Float32Array {
  const ys = taps(inH, outH);
  const xs = taps(inW, outW);
  const out = new Float32Array(channels * outH * outW);
  const plane = outH * outW;
  for (let y = 0; y < outH; y++) {
    const r0 = ys.i0[y] * inW * channels;
    const r1 = ys.i1[y] * inW * channels;
    const wy1 = ys.w1[y];
    const wy0 = 1 - wy1;
    for (let x = 0; x < outW; x++) {
      const a = xs.i0[x] * channels;
      const b = xs.i1[x] * channels;
      const wx1 = xs.w1[x];
      const wx0 = 1 - wx1;
      const o = y * outW + x;
      for (let c = 0; c < channels; c++) {
        const top = wx0 * src[r0 + a + c] + wx1 * src[r0 + b + c];
        const bottom = wx0 * src[r1 + a + c] + wx1 * src[r1 + b + c];
        out[c * plane + o] = (wy0 * top + wy1 * bottom) / divisor;
      }
    }
  }
  return out;
}
