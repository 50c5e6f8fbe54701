import { describe, expect, it } from 'vitest';
import { canny } from './canny.js';
import { taoControlImage } from './taoControlImage.js';

describe('TAO canny control image', () => {
  it('finds the edges of a square and nothing in flat areas', () => {
    const w = 32;
    const img = new Uint8Array(w * w);
    for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) img[y * w + x] = 255;
    const e = canny(img, w, w, 100, 200);
    expect(e[0]).toBe(0);
    expect(e[16 * w + 16]).toBe(0);
    const edgeCount = e.reduce((a, v) => a + (v ? 1 : 0), 0);
    expect(edgeCount).toBeGreaterThan(4 * 14);
    expect(edgeCount).toBeLessThan(4 * 16 * 3);
  });

  it('is a 3-channel [0,1] edge map of the τ mark, the same every time, cached per size', async () => {
    const a = await taoControlImage(96, 64);
    expect(a.data.length).toBe(3 * 96 * 64);
    const plane = 96 * 64;
    const edges = a.data.subarray(0, plane).reduce((s, v) => s + v, 0);
    expect(edges).toBeGreaterThan(50);
    expect(a.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect([...a.data.subarray(plane, 2 * plane)]).toEqual([...a.data.subarray(0, plane)]);
    expect(await taoControlImage(96, 64)).toBe(a);
  });
});
