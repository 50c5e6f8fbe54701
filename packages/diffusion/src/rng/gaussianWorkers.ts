import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fillGaussian } from './gaussian.js';

/** One part of a draw for one worker: elements [offset, offset + length) into buffer at byteOffset. */
export interface NoiseJob {
  id: number;
  /** The fill() call it belongs to. */
  call: number;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
  seed: number;
  draw: number;
  offset: number;
}

/**
 * Where the pipeline's noise is computed. onnxruntime-node runs a session synchronously on the
 * calling (main) thread, so a draw made on the main thread can never overlap the UNet: only a draw
 * on another thread can. Both implementations give fillGaussian's values exactly.
 */
export interface NoiseDrawer {
  /** Draws run off the main thread (a caller may queue several ahead). */
  readonly parallel: boolean;
  /** A buffer the drawer can fill without a copy (shared memory for the workers). */
  alloc(length: number): Float32Array;
  /** Fills `out` with elements [offset, offset + out.length) of draw `draw` for `seed`. */
  fill(out: Float32Array, seed: number, draw: number, offset?: number): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Draws on the calling thread, when it is called (no workers). */
export const inlineNoise: NoiseDrawer = {
  parallel: false,
  alloc: (length) => new Float32Array(length),
  fill: async (out, seed, draw, offset = 0) => fillGaussian(out, seed, draw, offset),
  close: async () => {},
};

/** A Float32Array on shared memory: worker threads write it in place. */
export function sharedFloat32Array(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(4 * length));
}

/** Smallest part worth a message round trip (≈ 0.03 ms of drawing). */
const MIN_PART = 4096;

interface Slot {
  worker: Worker;
  pending: Map<number, NoiseJob>;
  alive: boolean;
}

/** Noise workers: Node's default when the host has cores to spare (at most 4; 1 on a 2-core host). */
export function defaultNoiseThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function spawn(): Worker {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.ts')) return new Worker(new URL('./gaussianWorker.js', import.meta.url));
  // Running from source (tests, benches): the worker compiles TypeScript with tsx's require hook
  // (its ESM hooks live on a loader thread that Node 20 shares with the parent and do not apply here).
  const require = createRequire(import.meta.url);
  const tsx = require.resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./gaussianWorker.ts', import.meta.url));
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, execArgv: [] });
}

/**
 * Draws noise on worker threads, each draw split across them in block-aligned parts written in place
 * to shared memory. A worker that dies is not replaced: its pending and future parts are drawn on the
 * calling thread (same values), so the pipeline never fails for it.
 */
export class GaussianWorkers implements NoiseDrawer {
  readonly parallel = true;
  readonly #slots: Slot[] = [];
  readonly #waiting = new Map<number, { parts: number; done: () => void }>();
  #nextJob = 0;
  #nextCall = 0;
  #closed = false;
  /** Jobs in flight: the workers hold the event loop open only while there are some. */
  #inFlight = 0;

  private constructor() {}

  static async start(threads = defaultNoiseThreads()): Promise<GaussianWorkers> {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`noise threads: ${threads}`);
    const pool = new GaussianWorkers();
    try {
      await Promise.all(Array.from({ length: threads }, () => pool.#startSlot()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get threads(): number {
    return this.#slots.filter((s) => s.alive).length;
  }

  async #startSlot(): Promise<void> {
    const worker = spawn();
    const slot: Slot = { worker, pending: new Map(), alive: true };
    this.#slots.push(slot);
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`noise worker: ${m}`))));
    });
    worker.removeAllListeners('error');
    worker.on('message', (id: number) => {
      const job = slot.pending.get(id);
      if (job === undefined) return;
      slot.pending.delete(id);
      this.#finish(job);
    });
    const lost = () => {
      if (!slot.alive) return;
      slot.alive = false;
      // Draw what it still owed here: the values do not depend on which thread computes them.
      for (const job of slot.pending.values()) this.#drawInline(job);
      slot.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    worker.unref();
  }

  #drawInline(job: NoiseJob): void {
    fillGaussian(new Float32Array(job.buffer, job.byteOffset, job.length), job.seed, job.draw, job.offset);
    this.#finish(job);
  }

  #finish(job: NoiseJob): void {
    if (--this.#inFlight === 0) for (const s of this.#slots) if (s.alive) s.worker.unref();
    const waiting = this.#waiting.get(job.call);
    if (waiting && --waiting.parts === 0) {
      this.#waiting.delete(job.call);
      waiting.done();
    }
  }

  alloc(length: number): Float32Array {
    return sharedFloat32Array(length);
  }

  async fill(out: Float32Array, seed: number, draw: number, offset = 0): Promise<Float32Array> {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset ${offset} is not an index`);
    const live = this.#slots.filter((s) => s.alive);
    if (this.#closed || live.length === 0) return fillGaussian(out, seed, draw, offset);
    const shared = out.buffer instanceof SharedArrayBuffer;
    const target = shared ? out : sharedFloat32Array(out.length);
    // Parts start on block boundaries of the draw, so only the first and last can be partial blocks.
    const partLength = Math.max(MIN_PART, 4 * Math.ceil(out.length / live.length / 4));
    const call = this.#nextCall++;
    const parts: NoiseJob[] = [];
    for (let start = 0, i = 0; start < out.length; i++) {
      const end = Math.min(out.length, i === 0 ? partLength - (offset % 4) : start + partLength);
      parts.push({
        id: this.#nextJob++,
        call,
        buffer: target.buffer as SharedArrayBuffer,
        byteOffset: target.byteOffset + 4 * start,
        length: end - start,
        seed,
        draw,
        offset: offset + start,
      });
      start = end;
    }
    if (parts.length === 0) return out;
    const done = new Promise<void>((resolve) =>
      this.#waiting.set(call, { parts: parts.length, done: resolve }),
    );
    if (this.#inFlight === 0) for (const s of live) s.worker.ref();
    this.#inFlight += parts.length;
    parts.forEach((job, i) => {
      const slot = live[i % live.length]!;
      slot.pending.set(job.id, job);
      slot.worker.postMessage(job);
    });
    await done;
    if (!shared) out.set(target);
    return out;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      this.#slots.map(async (s) => {
        // Parts still owed are drawn here, so no caller waits forever on a closed pool.
        const owed = [...s.pending.values()];
        s.alive = false;
        s.pending.clear();
        for (const job of owed) this.#drawInline(job);
        await s.worker.terminate();
      }),
    );
  }
}
