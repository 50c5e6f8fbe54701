import { philox4x32 } from './philox.js';
import { PHILOX_WASM_BASE64 } from './philoxWasmModule.js';

/** Blocks a kernel computes per call: 64 KiB of words, one wasm page, small enough to stay in cache. */
export const KERNEL_BLOCKS = 4096;

/**
 * Fills `words` with Philox4x32-10 blocks of key (seed, 0) and counters (first + b, draw, 0, 0),
 * b = 0 … count−1, block-major (words[4b + m] = word m of block b). count ≤ KERNEL_BLOCKS.
 */
export interface PhiloxKernel {
  readonly kind: 'wasm-simd' | 'js';
  readonly words: Uint32Array;
  blocks(first: number, count: number, draw: number, seed: number): void;
}

interface PhiloxExports {
  memory: { buffer: ArrayBuffer };
  philox(block: number, count: number, draw: number, seed: number): void;
}

/** The part of the WebAssembly API used here (the package's TypeScript libs carry no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/**
 * The WebAssembly SIMD kernel (philox4x32.wat), about 10× the scalar one; undefined where the
 * engine has no wasm SIMD (V8 needs SSE4.1 on x86). Integer arithmetic only, so both kernels give
 * the same words — checked in philoxWasm.test.ts.
 */
export function wasmPhiloxKernel(): PhiloxKernel | undefined {
  let exports: PhiloxExports;
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const module = new wasm.Module(Buffer.from(PHILOX_WASM_BASE64, 'base64'));
    exports = new wasm.Instance(module).exports as PhiloxExports;
  } catch {
    return undefined;
  }
  const words = new Uint32Array(exports.memory.buffer, 0, 4 * KERNEL_BLOCKS);
  return {
    kind: 'wasm-simd',
    words,
    blocks(first, count, draw, seed) {
      if (count > KERNEL_BLOCKS) throw new RangeError(`at most ${KERNEL_BLOCKS} blocks per call`);
      exports.philox(first, count, draw, seed);
    },
  };
}

/** The scalar TypeScript kernel: the fallback, and the reference the wasm one is tested against. */
export function jsPhiloxKernel(): PhiloxKernel {
  const words = new Uint32Array(4 * KERNEL_BLOCKS);
  return {
    kind: 'js',
    words,
    blocks(first, count, draw, seed) {
      if (count > KERNEL_BLOCKS) throw new RangeError(`at most ${KERNEL_BLOCKS} blocks per call`);
      for (let b = 0; b < count; b++) philox4x32(first + b, draw, 0, 0, seed, 0, words, 4 * b);
    },
  };
}

let shared: PhiloxKernel | undefined;

/** This thread's kernel: wasm SIMD where available, else the scalar one. */
export function philoxKernel(): PhiloxKernel {
  shared ??= wasmPhiloxKernel() ?? jsPhiloxKernel();
  return shared;
}
