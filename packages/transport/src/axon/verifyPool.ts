import { createRequire } from 'node:module';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

// sr25519 verification costs ~0.4 ms of CPU per request and dominates an axon's work. This pool
// moves it onto worker threads (each with its own @polkadot/wasm-crypto instance) so an axon
// scales with cores. Jobs queued in the same event-loop turn travel as one batch per worker.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const wasm = require(workerData.wasmCryptoPath);
wasm.waitReady().then(() => {
  parentPort.on('message', (batch) => {
    const ok = new Uint8Array(batch.jobs.length);
    for (let i = 0; i < batch.jobs.length; i++) {
      const j = batch.jobs[i];
      try { ok[i] = wasm.sr25519Verify(j[1], j[0], j[2]) ? 1 : 0; } catch { ok[i] = 0; }
    }
    parentPort.postMessage({ id: batch.id, ok });
  });
  parentPort.postMessage({ ready: true });
});
`;

type Job = [message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array];

interface Slot {
  worker: Worker;
  pending: Map<number, (ok: Uint8Array) => void>;
  inFlight: number;
}

/** When requests use the workers: 'auto' only while the event loop is busy, or 'always'. */
export type OffloadMode = 'auto' | 'always';

// Offloading costs a postMessage round trip per batch and some latency; it pays only while the
// event loop is busy. 'auto' looks at the event-loop utilisation of the last ~50 ms, with
// hysteresis so the mode does not flap: offload above 60 %, back inline below 30 %.
const ELU_WINDOW_MS = 50;
const ELU_HIGH = 0.6;
const ELU_LOW = 0.3;

export class VerifyPool {
  readonly #slots: Slot[] = [];
  mode: OffloadMode = 'auto';
  #offload = false;
  #elu: EventLoopUtilization = performance.eventLoopUtilization();
  #eluAt = performance.now();
  /** Signatures checked on the workers / inline since start (for benches and tests). */
  readonly counts = { workers: 0, inline: 0 };
  #queue: { job: Job; resolve: (ok: boolean) => void }[] = [];
  #scheduled = false;
  #nextId = 0;

  private constructor() {}

  static async start(size: number): Promise<VerifyPool> {
    const pool = new VerifyPool();
    const wasmCryptoPath = createRequire(import.meta.url).resolve('@polkadot/wasm-crypto');
    await Promise.all(
      Array.from({ length: size }, async () => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasmCryptoPath } });
        const slot: Slot = { worker, pending: new Map(), inFlight: 0 };
        await new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.on('message', (m: { ready?: boolean; id?: number; ok?: Uint8Array }) => {
            if (m.ready) return resolve();
            const done = slot.pending.get(m.id!);
            slot.pending.delete(m.id!);
            slot.inFlight -= m.ok!.length;
            done?.(m.ok!);
          });
        });
        worker.unref();
        pool.#slots.push(slot);
      }),
    );
    return pool;
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Whether the next signature should go to the workers (see OffloadMode). */
  shouldOffload(): boolean {
    if (this.mode === 'always') return true;
    const now = performance.now();
    if (now - this.#eluAt >= ELU_WINDOW_MS) {
      const current = performance.eventLoopUtilization();
      const busy = performance.eventLoopUtilization(current, this.#elu).utilization;
      this.#elu = current;
      this.#eluAt = now;
      if (busy > ELU_HIGH) this.#offload = true;
      else if (busy < ELU_LOW) this.#offload = false;
    }
    return this.#offload;
  }

  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    this.counts.workers++;
    return new Promise((resolve) => {
      this.#queue.push({ job: [message, signature, publicKey], resolve });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    const per = Math.ceil(queue.length / this.#slots.length);
    for (let start = 0; start < queue.length; start += per) {
      const part = queue.slice(start, start + per);
      // Least-loaded worker first.
      const slot = this.#slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      const id = this.#nextId++;
      slot.inFlight += part.length;
      slot.pending.set(id, (ok) => {
        for (let i = 0; i < part.length; i++) part[i]!.resolve(ok[i] === 1);
      });
      slot.worker.postMessage({ id, jobs: part.map((p) => p.job) });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    for (const s of this.#slots) for (const done of s.pending.values()) done(new Uint8Array(0));
    this.#slots.length = 0;
  }
}
