import { createHash } from 'node:crypto';
import { Sn2Error } from '../zk/errors.js';
import { canonicalJson } from './canonicalJson.js';

export const HASH_GUARD_CAPACITY = 32_768;

export class DuplicateInputError extends Sn2Error {
  override name = 'DuplicateInputError';
}

/**
 * Refuses to send the same inputs twice (spec §3.2): sha256 of the key-sorted JSON, remembered
 * in a FIFO of the last 32,768 hashes.
 */
export class HashGuard {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = HASH_GUARD_CAPACITY) {}

  static hash(inputs: unknown): string {
    return createHash('sha256').update(canonicalJson(inputs)).digest('hex');
  }

  /** Records the inputs; throws DuplicateInputError if they were sent before. */
  admit(inputs: unknown): string {
    const h = HashGuard.hash(inputs);
    if (this.seen.has(h)) {
      throw new DuplicateInputError('these inputs were already sent; generate fresh ones', { hash: h });
    }
    this.seen.add(h);
    this.order.push(h);
    if (this.order.length - this.head > this.capacity) {
      this.seen.delete(this.order[this.head]!);
      this.head++;
      if (this.head > this.capacity) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
    }
    return h;
  }

  /** Calls `generate` until it yields inputs never sent before (gives up after `attempts`). */
  fresh<T>(generate: () => T, attempts = 16): T {
    for (let i = 0; i < attempts; i++) {
      const inputs = generate();
      try {
        this.admit(inputs);
        return inputs;
      } catch (err) {
        if (!(err instanceof DuplicateInputError)) throw err;
      }
    }
    throw new DuplicateInputError(`no fresh inputs after ${attempts} attempts; the generator lacks a nonce`);
  }

  get size(): number {
    return this.seen.size;
  }
}
