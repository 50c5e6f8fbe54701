import type { ControlImage } from '@taonode/diffusion';
import sharp from 'sharp';
import { canny } from './canny.js';

/**
 * Our own τ mark (drawn here, not WOMBO's tao.jpg): a bar and a hooked stem on a square canvas.
 * Miner and validator both build the control image from it, so it only has to be the same on both.
 */
const TAU_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 100 100">
<rect width="100" height="100" fill="white"/>
<path d="M14 20 H86 V33 H60 V68 Q60 78 70 78 H80 V91 H66 Q46 91 46 71 V33 H14 Z" fill="black"/>
</svg>`;

const cache = new Map<string, Promise<ControlImage>>();

/**
 * The ControlNet conditioning of spec §3: the τ mark scaled to fit (width, height), pasted on white at
 * the horizontal centre and 20 % of the free vertical space from the top, colours inverted, Canny(100,
 * 200), replicated to 3 channels; RGB planes in [0, 1]. Cached per size.
 */
export function taoControlImage(width: number, height: number): Promise<ControlImage> {
  const key = `${width}x${height}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = render(width, height);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function render(width: number, height: number): Promise<ControlImage> {
  const side = Math.min(width, height);
  const logo = await sharp(Buffer.from(TAU_SVG))
    .resize(side, side)
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) * 0.2);
  const gray = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: logo, left, top }])
    .negate({ alpha: false })
    .greyscale()
    .raw()
    .toBuffer();
  const edges = canny(new Uint8Array(gray.buffer, gray.byteOffset, width * height), width, height, 100, 200);
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    const v = edges[i]! / 255;
    data[i] = v;
    data[plane + i] = v;
    data[2 * plane + i] = v;
  }
  return { data, width, height };
}
