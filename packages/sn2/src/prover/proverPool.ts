import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Groth16Proof } from '../verifier/groth16Proof.js';
import { ProveError } from '../zk/errors.js';
import { PROVE_WORKER_SOURCE } from './proveWorkerSource.js';

const require = createRequire(import.meta.url);

export type CircuitInput = Record<string, unknown>;

export interface ProveJob {
  wasmPath: string;
  zkeyPath: string;
  input: CircuitInput;
}

export interface ProveResult {
  proof: Groth16Proof;
  publicSignals: string[];
  /** Witness + proof time inside the worker. */
  proveMs: number;
}

interface Pending extends ProveJob {
  id: number;
  resolve(r: ProveResult): void;
  reject(e: Error): void;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  proof?: Groth16Proof;
  publicSignals?: string[];
  ms?: number;
  error?: string;
  log?: string;
}

interface Slot {
  worker: Worker;
  job?: Pending;
}

/**
 * Groth16 witness + proof in worker threads, at most `concurrency` at a time; further jobs wait
 * in a FIFO. The caller's event loop stays free while proving (the axon keeps answering).
 */
export class ProverPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  readonly concurrency: number;

  /**
   * `concurrency`: proofs at once (default: cores - 1). Each proof also spreads its
   * multi-exponentiations over a WASM thread pool, which keeps single-proof latency (what SN2
   * scores) low.
   */
  constructor(opts: { concurrency?: number } = {}) {
    this.concurrency = Math.max(1, opts.concurrency ?? Math.max(1, availableParallelism() - 1));
  }

  /** Starts all workers now so the first proof does not pay for building the curve. */
  warmUp(): void {
    while (this.slots.length < this.concurrency) this.spawn();
  }

  get workerCount(): number {
    return this.slots.length;
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  prove(job: ProveJob): Promise<ProveResult> {
    if (this.closed) return Promise.reject(new ProveError('prover pool is closed'));
    return new Promise<ProveResult>((resolve, reject) => {
      this.queue.push({ ...job, id: this.nextId++, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.concurrency) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({
        id: job.id,
        input: job.input,
        wasmPath: job.wasmPath,
        zkeyPath: job.zkeyPath,
      });
    }
  }

  private spawn(): Slot {
    const snarkjsUrl = pathToFileURL(require.resolve('snarkjs')).href;
    const worker = new Worker(PROVE_WORKER_SOURCE, {
      eval: true,
      workerData: { snarkjsUrl },
    });
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      if (reply.ok && reply.proof && reply.publicSignals) {
        job.resolve({ proof: reply.proof, publicSignals: reply.publicSignals, proveMs: reply.ms ?? 0 });
      } else {
        job.reject(
          new ProveError('witness or proof generation failed; check the inputs', {
            cause: reply.error,
            log: reply.log,
          }),
        );
      }
      this.dispatch();
    });
    const fail = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      if (slot.job) slot.job.reject(new ProveError('prover worker stopped', { cause: why }));
      slot.job = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** Stops all workers; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ProveError('prover pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
