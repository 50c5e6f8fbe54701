import { KERNEL_BLOCKS, type PhiloxKernel, philoxKernel } from './philoxKernel.js';

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
 * draws before it. Philox is integer arithmetic; ln, sin and cos are V8's Math functions (its fdlibm
 * port in the Node versions we support — docs/sn30.md says what that promises and what guards it).
 */
export const NOISE_LAYOUT_VERSION = 'philox4x32-10/box-muller/v1';

const TWO_PI = 2 * Math.PI;
const INV_2_32 = 1 / 4294967296;

/**
 * Box–Muller over `blocks` blocks of words (from words[0]) into out[o …]. The only place the
 * uniforms become Gaussians: every fill path goes through it, so there is one definition to keep.
 */
function boxMuller(words: Uint32Array, blocks: number, out: Float32Array, o: number): void {
  const end = 4 * blocks;
  for (let w = 0; w < end; w += 4, o += 4) {
    const r0 = Math.sqrt(-2 * Math.log((words[w]! + 0.5) * INV_2_32));
    const t0 = TWO_PI * ((words[w + 1]! + 0.5) * INV_2_32);
    const r1 = Math.sqrt(-2 * Math.log((words[w + 2]! + 0.5) * INV_2_32));
    const t1 = TWO_PI * ((words[w + 3]! + 0.5) * INV_2_32);
    out[o] = r0 * Math.cos(t0);
    out[o + 1] = r0 * Math.sin(t0);
    out[o + 2] = r1 * Math.cos(t1);
    out[o + 3] = r1 * Math.sin(t1);
  }
}

const lanes = new Float32Array(4);

/** Elements [from, to) of one block (a partial block at either end of a range) into out[o …]. */
function partialBlock(
  kernel: PhiloxKernel,
  block: number,
  from: number,
  to: number,
  seed: number,
  draw: number,
  out: Float32Array,
  o: number,
): void {
  kernel.blocks(block, 1, draw, seed);
  boxMuller(kernel.words, 1, lanes, 0);
  for (let m = from; m < to; m++) out[o++] = lanes[m]!;
}

/**
 * Fills `out` with elements [offset, offset + out.length) of Gaussian draw `draw` for `seed`, with the
 * given Philox kernel (tests compare kernels; everything else uses the default).
 */
export function fillGaussianWith(
  kernel: PhiloxKernel,
  out: Float32Array,
  seed: number,
  draw: number,
  offset = 0,
): Float32Array {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset ${offset} is not an index`);
  const end = offset + out.length;
  let i = offset;
  const head = i % 4;
  if (head !== 0 && i < end) {
    const to = Math.min(4, head + (end - i));
    partialBlock(kernel, (i - head) / 4, head, to, seed, draw, out, 0);
    i += to - head;
  }
  while (end - i >= 4) {
    const count = Math.min(KERNEL_BLOCKS, Math.floor((end - i) / 4));
    kernel.blocks(i / 4, count, draw, seed);
    boxMuller(kernel.words, count, out, i - offset);
    i += 4 * count;
  }
  if (i < end) partialBlock(kernel, i / 4, 0, end - i, seed, draw, out, i - offset);
  return out;
}

/** Fills `out` with elements [offset, offset + out.length) of Gaussian draw `draw` for `seed`. */
export function fillGaussian(out: Float32Array, seed: number, draw: number, offset = 0): Float32Array {
  return fillGaussianWith(philoxKernel(), out, seed, draw, offset);
}

/** `count` Gaussian values of draw `draw` for `seed` (elements 0..count−1). */
export function gaussian(count: number, seed: number, draw: number): Float32Array {
  return fillGaussian(new Float32Array(count), seed, draw);
}
