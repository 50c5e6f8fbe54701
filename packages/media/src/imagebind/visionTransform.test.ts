import { describe, expect, it } from 'vitest';
import { resizeBilinear, shortSideSize } from './bilinearResize.js';
import { clipFrameIndices, clipTimepoints } from './clipTimepoints.js';
import { cropOffsets, type RgbFrame, visionViews } from './visionTransform.js';

function frame(width: number, height: number, pixel: (x: number, y: number, c: number) => number): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = pixel(x, y, c);
  return { width, height, data };
}

describe('ImageBind clip sampling', () => {
  it('spreads 5 clips of 2 s evenly over the video', () => {
    expect(clipTimepoints(10, 2, 5)).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
    ]);
    expect(clipTimepoints(7.3, 2, 3).map(([s]) => s)).toEqual([0, 2.65, 5.3]);
    // Shorter than one clip: every clip is the start.
    expect(clipTimepoints(1.5, 2, 5)).toEqual(Array(5).fill([0, 2]));
  });

  it('takes the first and last frame of each clip, as decord indexes them', () => {
    expect(clipFrameIndices(0, 2, 30, 300, 2)).toEqual([0, 59]);
    expect(clipFrameIndices(2, 4, 30, 300, 2)).toEqual([60, 119]);
    expect(clipFrameIndices(8, 10, 30, 300, 2)).toEqual([240, 299]);
    // 29.97 fps: ceil(59.94) = 60 .. ceil(119.88) = 120 (exclusive).
    expect(clipFrameIndices(2, 4, 29.97, 300, 2)).toEqual([60, 119]);
    // The last clip is cut at the frame count; 3 picks = first, middle (truncated), last.
    expect(clipFrameIndices(8, 10, 30, 290, 3)).toEqual([240, 264, 289]);
    expect(clipFrameIndices(20, 22, 30, 300, 2)).toEqual([]);
  });
});

describe('ImageBind vision transform', () => {
  it('scales the short side to 224 (floor) and crops left/centre/right or top/centre/bottom', () => {
    expect(shortSideSize(720, 1280, 224)).toEqual([224, 398]);
    expect(shortSideSize(240, 320, 224)).toEqual([224, 298]);
    expect(shortSideSize(1280, 720, 224)).toEqual([398, 224]);
    expect([0, 1, 2].map((k) => cropOffsets(224, 398, 224, k))).toEqual([
      [0, 0],
      [0, 87],
      [0, 174],
    ]);
    expect([0, 1, 2].map((k) => cropOffsets(398, 224, 224, k))).toEqual([
      [0, 0],
      [87, 0],
      [174, 0],
    ]);
    expect(cropOffsets(224, 224, 224, 2)).toEqual([0, 0]);
  });

  it('resizes like torch bilinear with align_corners=False', () => {
    // Down ×2: output o samples at 2o + 0.5 → the mean of two neighbours.
    expect([...resizeBilinear(Float32Array.of(0, 1, 2, 3), 1, 1, 4, 1, 2)]).toEqual([0.5, 2.5]);
    // Up ×2: sample points −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped at the edge).
    expect([...resizeBilinear(Float32Array.of(0, 1), 1, 1, 2, 1, 4)]).toEqual([0, 0.25, 0.75, 1]);
  });

  it('normalises a solid frame to (v/255 − mean)/std per channel', () => {
    const f = frame(320, 240, (_x, _y, c) => [255, 0, 128][c]);
    const { data, dims } = visionViews([[f, f]]);
    expect(dims).toEqual([3, 3, 2, 224, 224]);
    const plane = 224 * 224;
    const expected = [1.930336254158794, -1.7520971281645974, 0.33994864299551714];
    for (let view = 0; view < 3; view++) {
      for (let c = 0; c < 3; c++) {
        for (const t of [0, 1]) {
          const at = view * 3 * 2 * plane + (c * 2 + t) * plane;
          expect(data[at]).toBeCloseTo(expected[c], 5);
          expect(data[at + plane - 1]).toBeCloseTo(expected[c], 5);
        }
      }
    }
  });

  it('halves a 896×448 ramp exactly and takes the three crops from the scaled frame', () => {
    const f = frame(896, 448, (x, y, c) => (x + 2 * y + 40 * c) % 256);
    const { data } = visionViews([[f, f]]);
    const plane = 224 * 224;
    // Scaled to 448×224: pixel (X, Y) = mean of the 2×2 source block; crop k starts at x = 0, 112, 224.
    const scaled = (X: number, Y: number, c: number) => {
      let s = 0;
      for (const dy of [0, 1]) for (const dx of [0, 1]) s += (2 * X + dx + 2 * (2 * Y + dy) + 40 * c) % 256;
      return s / 4 / 255;
    };
    const mean = [0.48145466, 0.4578275, 0.40821073];
    const std = [0.26862954, 0.26130258, 0.27577711];
    for (const [view, x0] of [
      [0, 0],
      [1, 112],
      [2, 224],
    ]) {
      for (const [x, y] of [
        [0, 0],
        [10, 3],
        [223, 223],
        [57, 100],
      ]) {
        for (let c = 0; c < 3; c++) {
          const got = data[view * 6 * plane + c * 2 * plane + y * 224 + x];
          expect(got).toBeCloseTo((scaled(x0 + x, y, c) - mean[c]) / std[c], 4);
        }
      }
    }
  });
});
