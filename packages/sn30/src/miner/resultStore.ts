import { randomUUID } from 'node:crypto';

/** The reference keeps results in Redis for 15 minutes. */
export const RESULT_TTL_MS = 15 * 60_000;

export interface ResultStoreOptions {
  /** How long a result waits for its Download (default 15 minutes). */
  ttlMs?: number;
  /** Bytes of frames held at most, reservations included. */
  maxBytes: number;
  now?: () => number;
}

interface Entry {
  owner: string;
  sha256: string;
  frames: Uint8Array;
  expiresAt: number;
}

/** Room for one generation, taken before it runs so a full store refuses work instead of evicting. */
export interface Reservation {
  readonly bytes: number;
  /** Stores the frames under a fresh id (the reservation becomes the entry's bytes). */
  commit(owner: string, frames: Uint8Array, sha256: string): string;
  /** Gives the room back (the generation failed). Idempotent. */
  release(): void;
}

/**
 * The miner's expiring result store (the reference's Redis, embedded): frames wait here between
 * Generate and Download. Bounded in bytes — room is reserved before a generation starts, and when the
 * store is full new work is refused (never another caller's result evicted). A result belongs to the
 * hotkey that asked for it: only that hotkey can take it (once) or delete it; anyone else sees
 * "unknown id", so ids cannot be probed. The hash is stored with the frames, so what a Download
 * returns is what the Generate committed to.
 */
export class ResultStore {
  readonly ttlMs: number;
  readonly maxBytes: number;
  private readonly now: () => number;
  /** Insertion order is expiry order (one TTL for all). */
  private readonly entries = new Map<string, Entry>();
  private stored = 0;
  private reserved = 0;

  constructor(options: ResultStoreOptions) {
    this.ttlMs = options.ttlMs ?? RESULT_TTL_MS;
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? Date.now;
  }

  /** Bytes held by results plus reservations. */
  get bytes(): number {
    return this.stored + this.reserved;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops expired results (also done on every reserve and take). */
  purge(): number {
    const now = this.now();
    let dropped = 0;
    for (const [id, e] of this.entries) {
      if (e.expiresAt > now) break;
      this.entries.delete(id);
      this.stored -= e.frames.byteLength;
      dropped++;
    }
    return dropped;
  }

  /** Room for `bytes`, or undefined when the store is full even after dropping expired results. */
  reserve(bytes: number): Reservation | undefined {
    if (this.bytes + bytes > this.maxBytes) this.purge();
    if (this.bytes + bytes > this.maxBytes) return undefined;
    this.reserved += bytes;
    let open = true;
    const release = () => {
      if (!open) return;
      open = false;
      this.reserved -= bytes;
    };
    return {
      bytes,
      release,
      commit: (owner, frames, sha256) => {
        if (!open) throw new Error('reservation already used');
        release();
        // A file larger than reserved (should not happen: sizes follow from the inputs) still counts.
        const id = randomUUID();
        this.entries.set(id, { owner, sha256, frames, expiresAt: this.now() + this.ttlMs });
        this.stored += frames.byteLength;
        return id;
      },
    };
  }

  private live(owner: string, id: string): Entry | undefined {
    const e = this.entries.get(id);
    if (e === undefined || e.owner !== owner) return undefined;
    if (e.expiresAt <= this.now()) {
      this.drop(id, e);
      return undefined;
    }
    return e;
  }

  private drop(id: string, e: Entry): void {
    this.entries.delete(id);
    this.stored -= e.frames.byteLength;
  }

  /** The committed hash of a live result (for logs and tests). */
  hashOf(owner: string, id: string): string | undefined {
    return this.live(owner, id)?.sha256;
  }

  /** Removes and returns the frames (Download: one shot, owner only). */
  take(owner: string, id: string): { frames: Uint8Array; sha256: string } | undefined {
    const e = this.live(owner, id);
    if (e === undefined) return undefined;
    this.drop(id, e);
    return { frames: e.frames, sha256: e.sha256 };
  }

  /** Removes a result (Delete: owner only). */
  delete(owner: string, id: string): boolean {
    const e = this.live(owner, id);
    if (e === undefined) return false;
    this.drop(id, e);
    return true;
  }
}
