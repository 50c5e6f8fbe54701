import { philox4x32 } from './philox.js';

/**
 * The engine's portable Gaussian noise, fixed so that a validator draws exactly the noise a miner drew:
 *
 *   key     = (seed, 0)                       seed: the request's u32
 *   counter = (j, draw, 0, 0)                 j: block index, draw: which tensor of the generation
 *   u_m     = (w_m + 0.5) / 2^32, m = 0..3    the block's four u32 words → uniforms in (0, 1)
 *   z[4j]   = r0·cos θ0, z[4j+1] = r0·sin θ0  r0 = √(−2 ln u_0), θ0 = 2π·u_1   (Box–Muller)
 *   z[4j+2] = r1·cos θ1, z[4j+3] = r1·sin θ1  r1 = √(−2 ln u_2), θ1 = 2π·u_3
 *
 * computed in float64 and rounded once to float32. `draw` 0 is the initial latents; draw k+1 is the
 * noise of solver step k. Any draw (and any element range of it) is computed directly, without the
 * draws before it. Philox is integer arithmetic and V8's Math.log/sin/cos are the same fdlibm ports on
 * every platform, so the values are bit-identical wherever Node runs.
 */
export const NOISE_LAYOUT_VERSION = 'philox4x32-10/box-muller/v1';

const TWO_PI = 2 * Math.PI;
const INV_2_32 = 1 / 4294967296;

/** Fills `out` with elements [offset, offset + out.length) of Gaussian draw `draw` for `seed`. */
export function fillGaussian(out: Float32Array, seed: number, draw: number, offset = 0): Float32Array {
  const words = new Uint32Array(4);
  const end = offset + out.length;
  let i = offset;
  while (i < end) {
    const block = Math.floor(i / 4);
    philox4x32(block, draw, 0, 0, seed, 0, words);
    const r0 = Math.sqrt(-2 * Math.log((words[0]! + 0.5) * INV_2_32));
    const t0 = TWO_PI * ((words[1]! + 0.5) * INV_2_32);
    const r1 = Math.sqrt(-2 * Math.log((words[2]! + 0.5) * INV_2_32));
    const t1 = TWO_PI * ((words[3]! + 0.5) * INV_2_32);
    const base = block * 4;
    if (base === i && i + 4 <= end) {
      // Whole block: the common case.
      const o = i - offset;
      out[o] = r0 * Math.cos(t0);
      out[o + 1] = r0 * Math.sin(t0);
      out[o + 2] = r1 * Math.cos(t1);
      out[o + 3] = r1 * Math.sin(t1);
      i += 4;
      continue;
    }
    const lane = [r0 * Math.cos(t0), r0 * Math.sin(t0), r1 * Math.cos(t1), r1 * Math.sin(t1)];
    for (let m = i - base; m < 4 && i < end; m++, i++) out[i - offset] = lane[m]!;
  }
  return out;
}

/** `count` Gaussian values of draw `draw` for `seed` (elements 0..count−1). */
export function gaussian(count: number, seed: number, draw: number): Float32Array {
  return fillGaussian(new Float32Array(count), seed, draw);
}
