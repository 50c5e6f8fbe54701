import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../testing/compileWat.js';
import { fillGaussianWith } from './gaussian.js';
import { jsPhiloxKernel, KERNEL_BLOCKS, wasmPhiloxKernel } from './philoxKernel.js';
import { PHILOX_WASM_BASE64 } from './philoxWasmModule.js';

/** Index of the first element that differs (bit for bit), −1 when none: vitest's deep equality is slow on big arrays. */
function firstDifference(a: Float32Array | Uint32Array, b: Float32Array | Uint32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

const wasm = wasmPhiloxKernel();
const js = jsPhiloxKernel();

describe('philox kernels', () => {
  it('ships the wasm that philox4x32.wat compiles to', async () => {
    const wat = fileURLToPath(new URL('./philox4x32.wat', import.meta.url));
    const bytes = await compileWat(wat);
    const hint = 'run: pnpm exec tsx --conditions=@taonode/source scripts/wasm/generatePhiloxWasm.ts';
    expect(Buffer.from(bytes).toString('base64'), hint).toBe(PHILOX_WASM_BASE64);
    expect((await readFile(wat, 'utf8')).length).toBeGreaterThan(0);
  });

  it('has wasm SIMD on the Node versions we support', () => {
    expect(wasm?.kind).toBe('wasm-simd');
  });

  it('gives the scalar kernel’s words for any counters, key and count', () => {
    if (!wasm) return;
    const cases: [first: number, count: number, draw: number, seed: number][] = [
      [0, 1, 0, 0],
      [0, 3, 1, 42],
      [5, 7, 31, 0xffffffff],
      [0xfffffffe, 6, 0xffffffff, 0x243f6a88], // the block counter wraps like a u32
      [123_457, KERNEL_BLOCKS, 17, 1234],
      [1 << 20, KERNEL_BLOCKS - 1, 2, 99],
    ];
    for (const [first, count, draw, seed] of cases) {
      wasm.blocks(first, count, draw, seed);
      const got = wasm.words.slice(0, 4 * count);
      js.blocks(first, count, draw, seed);
      expect(firstDifference(got, js.words.slice(0, 4 * count))).toBe(-1);
    }
    expect(() => wasm.blocks(0, KERNEL_BLOCKS + 1, 0, 0)).toThrow(RangeError);
  });

  it('gives the same noise through either kernel, across chunk and block boundaries', () => {
    if (!wasm) return;
    const ranges: [offset: number, length: number][] = [
      [0, 4 * KERNEL_BLOCKS + 7],
      [3, 1],
      [1, 2],
      [2, 4 * KERNEL_BLOCKS * 2 + 5],
      [4 * KERNEL_BLOCKS - 1, 9],
      [65_535, 4],
    ];
    for (const [offset, length] of ranges) {
      const a = fillGaussianWith(wasm, new Float32Array(length), 77, 3, offset);
      const b = fillGaussianWith(js, new Float32Array(length), 77, 3, offset);
      expect(firstDifference(a, b)).toBe(-1);
    }
  });
});
