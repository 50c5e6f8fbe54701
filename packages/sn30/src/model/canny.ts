/**
 * Canny edges of an 8-bit grayscale image, as OpenCV's Canny(image, low, high) with its defaults
 * (3×3 Sobel, L1 gradient |gx| + |gy|, non-maximum suppression in 4 directions, hysteresis):
 * 255 on edges, 0 elsewhere.
 */
export function canny(
  gray: Uint8Array,
  width: number,
  height: number,
  low: number,
  high: number,
): Uint8Array {
  const mag = new Float32Array(width * height);
  const dir = new Uint8Array(width * height); // 0: horizontal edge normal, 1: 45°, 2: vertical, 3: 135°
  const at = (x: number, y: number) =>
    gray[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  const tan22 = Math.tan(Math.PI / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx =
        at(x + 1, y - 1) +
        2 * at(x + 1, y) +
        at(x + 1, y + 1) -
        at(x - 1, y - 1) -
        2 * at(x - 1, y) -
        at(x - 1, y + 1);
      const gy =
        at(x - 1, y + 1) +
        2 * at(x, y + 1) +
        at(x + 1, y + 1) -
        at(x - 1, y - 1) -
        2 * at(x, y - 1) -
        at(x + 1, y - 1);
      const i = y * width + x;
      mag[i] = Math.abs(gx) + Math.abs(gy);
      const ax = Math.abs(gx);
      const ay = Math.abs(gy);
      dir[i] = ay <= ax * tan22 ? 0 : ay >= ax / tan22 ? 2 : gx * gy > 0 ? 1 : 3;
    }
  }
  const strong = new Uint8Array(width * height); // 2 strong, 1 weak
  const m = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : mag[y * width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = mag[i]!;
      if (v <= low) continue;
      const [dx, dy] = [
        [1, 0],
        [1, 1],
        [0, 1],
        [-1, 1],
      ][dir[i]!]!;
      if (v < m(x + dx!, y + dy!) || v <= m(x - dx!, y - dy!)) continue;
      strong[i] = v > high ? 2 : 1;
    }
  }
  const out = new Uint8Array(width * height);
  const stack: number[] = [];
  for (let i = 0; i < strong.length; i++) {
    if (strong[i] === 2 && out[i] === 0) {
      out[i] = 255;
      stack.push(i);
      while (stack.length > 0) {
        const j = stack.pop()!;
        const x = j % width;
        const y = (j - x) / width;
        for (let oy = -1; oy <= 1; oy++) {
          for (let ox = -1; ox <= 1; ox++) {
            const nx = x + ox;
            const ny = y + oy;
            if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
            const k = ny * width + nx;
            if (strong[k]! > 0 && out[k] === 0) {
              out[k] = 255;
              stack.push(k);
            }
          }
        }
      }
    }
  }
  return out;
}
