import { isRistrettoPoint, sr25519Verify, ss58Decode } from '@taonode/wallet';
import { LRUCache } from 'lru-cache';
import type { VerifyPool } from './verifyPool.js';

// A handful of validator hotkeys send nearly all requests: their ss58 (base58 + blake2b checksum)
// is decoded, and checked to be a ristretto point, once. LRU, so a caller cycling through made-up
// hotkeys cannot evict them all at once. NOT_A_KEY: no sr25519 public key (always fails).
const NOT_A_KEY = new Uint8Array(0);
const keys = new LRUCache<string, Uint8Array>({ max: 4096 });

function publicKeyOf(hotkey: string): Uint8Array | null {
  let key = keys.get(hotkey);
  if (key === undefined) {
    try {
      key = ss58Decode(hotkey);
      if (!isRistrettoPoint(key)) key = NOT_A_KEY;
    } catch {
      key = NOT_A_KEY;
    }
    keys.set(hotkey, key);
  }
  return key === NOT_A_KEY ? null : key;
}

export type VerifyDone = (ok: boolean) => void;

// Inline checks are batched per event-loop turn: the requests read in one poll phase are all
// verified back to back in the check phase that follows, so the WASM verifier runs with warm
// caches instead of cold after each request's HTTP work. A job keeps the message and signature as
// the strings they arrived in; they are encoded into two scratch buffers only when verified (no
// per-request byte arrays).
interface InlineJob {
  message: string;
  signatureHex: string;
  publicKey: Uint8Array;
  done: VerifyDone;
}
let inlineQueue: InlineJob[] = [];
let inlineScheduled = false;
const sigScratch = Buffer.alloc(64);
let msgScratch = Buffer.alloc(512);

/**
 * For benches: process CPU spent in inline verify batches, to split an axon's CPU per request
 * into "verify as it runs inside requests" and the rest. Off (one branch per batch) unless enabled:
 * the two `process.cpuUsage()` calls per batch cost ~10 µs on a busy VM.
 */
export const inlineVerifyCpu = { enabled: false, calls: 0, cpuUs: 0 };

/** The signature of `signatureHex` (`0x` + 128 hex digits) into `out`; false when malformed. */
function decodeSignature(signatureHex: string, out: Buffer): boolean {
  if (
    signatureHex.length !== 130 ||
    signatureHex.charCodeAt(0) !== 48 ||
    signatureHex.charCodeAt(1) !== 120
  ) {
    return false;
  }
  // Buffer's hex decoder stops at the first pair that is not hex: 64 bytes ⇔ all 128 digits are.
  return out.write(signatureHex.slice(2), 'hex') === 64;
}

function verifyJob(j: InlineJob): boolean {
  if (!decodeSignature(j.signatureHex, sigScratch)) return false;
  // UTF-8 is at most 3 bytes per UTF-16 unit.
  if (msgScratch.length < j.message.length * 3) msgScratch = Buffer.alloc(j.message.length * 3);
  const n = msgScratch.write(j.message, 'utf8');
  return sr25519Verify(msgScratch.subarray(0, n), sigScratch, j.publicKey);
}

function flushInline(): void {
  const jobs = inlineQueue;
  inlineQueue = [];
  inlineScheduled = false;
  const start = inlineVerifyCpu.enabled ? process.cpuUsage() : undefined;
  const results = new Uint8Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) results[i] = verifyJob(jobs[i]!) ? 1 : 0;
  if (start !== undefined) {
    const used = process.cpuUsage(start);
    inlineVerifyCpu.calls += jobs.length;
    inlineVerifyCpu.cpuUs += used.user + used.system;
  }
  // Answered after the whole batch: the verifies run back to back, the request work after them.
  for (let i = 0; i < jobs.length; i++) jobs[i]!.done(results[i] === 1);
}

/**
 * Verifies a dendrite signature (§1.6) over `message` (the signed text) with the wallet's sr25519
 * verifier; with a pool, on worker threads while the event loop is busy. Answers through `done`,
 * never synchronously (a batch per loop turn), and never throws on malformed input.
 */
export function checkSignature(
  message: string,
  signatureHex: string,
  hotkey: string,
  pool: VerifyPool | undefined,
  done: VerifyDone,
): void {
  const publicKey = publicKeyOf(hotkey);
  if (pool?.shouldOffload()) {
    const sig = Buffer.allocUnsafe(64);
    // Malformed signatures are answered here: only jobs that cannot trap the verifier travel.
    if (
      publicKey === null ||
      !decodeSignature(signatureHex, sig) ||
      !pool.verify(message, sig, publicKey, done)
    ) {
      queueMicrotask(() => done(false));
    }
    return;
  }
  if (pool !== undefined) pool.counts.inline++;
  if (publicKey === null) {
    queueMicrotask(() => done(false));
    return;
  }
  inlineQueue.push({ message, signatureHex, publicKey, done });
  if (!inlineScheduled) {
    inlineScheduled = true;
    setImmediate(flushInline);
  }
}
