import { createRequire } from 'node:module';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { signatureWellFormed } from '@taonode/wallet';

// sr25519 verification costs ~0.2 ms of CPU per request and dominates an axon's work. This pool
// moves it onto worker threads (each with its own schnorrkel WASM instance) so an axon scales with
// cores. Jobs queued in the same event-loop turn travel as one batch per worker, packed into one
// ArrayBuffer that is transferred, not copied: [u16 message length, message, 64-byte signature,
// 32-byte public key] per job. Only jobs that passed the well-formedness checks of the wallet's
// verifier are sent (those are what could make schnorrkel-wasm trap); should one trap anyway, that
// worker uses @polkadot/wasm-crypto from then on.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fast = require(workerData.fastPath);
const slow = require(workerData.wasmCryptoPath);
let retired = false;
function verify(msg, sig, key) {
  if (!retired) {
    try { return fast.sr25519_verify(key, msg, sig); } catch { retired = true; }
  }
  try { return slow.sr25519Verify(sig, msg, key); } catch { return false; }
}
slow.waitReady().then(() => {
  parentPort.on('message', (batch) => {
    const bytes = new Uint8Array(batch.buffer);
    const ok = new Uint8Array(batch.count);
    let at = 0;
    for (let i = 0; i < batch.count; i++) {
      const len = bytes[at] | (bytes[at + 1] << 8);
      const msg = bytes.subarray(at + 2, at + 2 + len);
      at += 2 + len;
      ok[i] = verify(msg, bytes.subarray(at, at + 64), bytes.subarray(at + 64, at + 96)) ? 1 : 0;
      at += 96;
    }
    parentPort.postMessage({ id: batch.id, ok }, [ok.buffer]);
  });
  parentPort.postMessage({ ready: true });
});
`;

interface Job {
  message: string;
  signature: Uint8Array;
  publicKey: Uint8Array;
  done: (ok: boolean) => void;
}

const MAX_MESSAGE_BYTES = 0xffff;
const MIN_JOBS_PER_MESSAGE = 8;

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

function pack(jobs: readonly Job[]): ArrayBuffer {
  let size = 0;
  for (const j of jobs) size += 2 + Buffer.byteLength(j.message, 'utf8') + 96;
  const buffer = new ArrayBuffer(size);
  const bytes = Buffer.from(buffer);
  let at = 0;
  for (const j of jobs) {
    const len = bytes.write(j.message, at + 2, 'utf8');
    bytes[at] = len & 0xff;
    bytes[at + 1] = len >> 8;
    at += 2 + len;
    bytes.set(j.signature, at);
    bytes.set(j.publicKey, at + 64);
    at += 96;
  }
  return buffer;
}

export class VerifyPool {
  readonly #slots: Slot[] = [];
  mode: OffloadMode = 'auto';
  #offload = false;
  #elu: EventLoopUtilization = performance.eventLoopUtilization();
  #eluAt = performance.now();
  /** Signatures checked on the workers / inline since start (for benches and tests). */
  readonly counts = { workers: 0, inline: 0 };
  #queue: Job[] = [];
  #scheduled = false;
  #nextId = 0;

  private constructor() {}

  static async start(size: number): Promise<VerifyPool> {
    const pool = new VerifyPool();
    const require = createRequire(import.meta.url);
    const workerData = {
      fastPath: require.resolve('@polkadot-labs/schnorrkel-wasm'),
      wasmCryptoPath: require.resolve('@polkadot/wasm-crypto'),
    };
    await Promise.all(
      Array.from({ length: size }, async () => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
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

  /**
   * Queues one check; `done` gets the answer in a later turn. False (nothing queued) when the
   * signature is not well-formed: the caller answers that itself.
   */
  verify(
    message: string,
    signature: Uint8Array,
    publicKey: Uint8Array,
    done: (ok: boolean) => void,
  ): boolean {
    if (
      !signatureWellFormed(signature) ||
      publicKey.length !== 32 ||
      message.length > MAX_MESSAGE_BYTES / 3
    ) {
      return false;
    }
    this.counts.workers++;
    this.#queue.push({ message, signature, publicKey, done });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return true;
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    // Split over the workers only where each part is still a worthwhile batch: every message is
    // a thread wake-up and a reply, which cost more than a few verifies on a busy machine.
    const per = Math.max(MIN_JOBS_PER_MESSAGE, Math.ceil(queue.length / this.#slots.length));
    for (let start = 0; start < queue.length; start += per) {
      const part = queue.slice(start, start + per);
      // Least-loaded worker first.
      const slot = this.#slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      const id = this.#nextId++;
      slot.inFlight += part.length;
      slot.pending.set(id, (ok) => {
        for (let i = 0; i < part.length; i++) part[i]!.done(ok[i] === 1);
      });
      const buffer = pack(part);
      slot.worker.postMessage({ id, count: part.length, buffer }, [buffer]);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    for (const s of this.#slots) for (const done of s.pending.values()) done(new Uint8Array(0));
    this.#slots.length = 0;
  }
}
