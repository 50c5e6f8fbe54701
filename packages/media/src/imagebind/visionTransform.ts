import { MediaInputError } from '../errors.js';
import { resizeBilinear, shortSideSize } from './bilinearResize.js';

/** CLIP normalisation ImageBind's vision transform uses (RGB order). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;
export const VISION_SIZE = 224;
export const VISION_CROPS = 3;

/** One decoded frame: rgb24, row-major, height × width × 3. */
export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Offsets of ImageBind's 3 spatial crops (left/centre/right, or top/centre/bottom when the frame is
 * taller than wide): [y, x] for crop index 0, 1, 2.
 */
export function cropOffsets(height: number, width: number, size: number, index: number): [number, number] {
  let y = Math.ceil((height - size) / 2);
  let x = Math.ceil((width - size) / 2);
  if (height > width) {
    if (index === 0) y = 0;
    else if (index === 2) y = height - size;
  } else if (index === 0) x = 0;
  else if (index === 2) x = width - size;
  return [y, x];
}

/**
 * ImageBind's vision transform for sampled clips: each clip is `framesPerClip` frames; pixels /255,
 * short side resized to 224 (bilinear, align_corners=False), CLIP-normalised, then 3 spatial crops.
 * Returns views in ImageBind's order (clip-major, then crop) as [clips·3, 3, T, 224, 224].
 */
export function visionViews(clips: readonly (readonly RgbFrame[])[]): { data: Float32Array; dims: number[] } {
  const first = clips[0]?.[0];
  if (first === undefined) throw new MediaInputError('no frames to transform (is the video empty?)');
  const T = clips[0]?.length ?? 0;
  const { width: W, height: H } = first;
  const [h, w] = shortSideSize(H, W, VISION_SIZE);
  const S = VISION_SIZE;
  const viewSize = 3 * T * S * S;
  const out = new Float32Array(clips.length * VISION_CROPS * viewSize);
  clips.forEach((frames, c) => {
    if (frames.length !== T)
      throw new MediaInputError(`clip ${c} has ${frames.length} frames, expected ${T}`);
    // Resized planes in ImageBind's (channel, time) order: plane (ch, t) at (ch·T + t)·h·w.
    const scaled = new Float32Array(3 * T * h * w);
    frames.forEach((f, t) => {
      if (f.width !== W || f.height !== H || f.data.length !== W * H * 3) {
        throw new MediaInputError(`frame ${t} of clip ${c} is not ${W}x${H} rgb24`);
      }
      const rgb = resizeBilinear(f.data, 3, H, W, h, w, 255);
      for (let ch = 0; ch < 3; ch++)
        scaled.set(rgb.subarray(ch * h * w, (ch + 1) * h * w), (ch * T + t) * h * w);
    });
    for (let k = 0; k < VISION_CROPS; k++) {
      const [y0, x0] = cropOffsets(h, w, S, k);
      const vbase = (c * VISION_CROPS + k) * viewSize;
      for (let ch = 0; ch < 3; ch++) {
        const mean = CLIP_MEAN[ch];
        const std = CLIP_STD[ch];
        for (let t = 0; t < T; t++) {
          const plane = (ch * T + t) * h * w;
          const obase = vbase + (ch * T + t) * S * S;
          for (let y = 0; y < S; y++) {
            const row = plane + (y0 + y) * w + x0;
            const orow = obase + y * S;
            for (let x = 0; x < S; x++) out[orow + x] = (scaled[row + x] - mean) / std;
          }
        }
      }
    }
  });
  return { data: out, dims: [clips.length * VISION_CROPS, 3, T, S, S] };
}
