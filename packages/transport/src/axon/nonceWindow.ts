import { LRUCache } from 'lru-cache';

/** ALLOWED_DELTA of the Python axon: how old a first nonce may be, on top of the request timeout. */
export const ALLOWED_DELTA_NS = 4_000_000_000n;

export interface NonceWindowOptions {
  /** Most `hotkey:uuid` endpoints remembered. Default 100,000 (~10 MB). */
  maxEndpoints?: number;
  nowNs?: () => bigint;
}

/**
 * §1.7 nonce rules with bounded memory. Python keeps every endpoint forever; here the least
 * recently used endpoints are forgotten. Forgetting must not re-open a replay: the newest nonce
 * ever evicted becomes a floor that every unknown endpoint's first nonce must exceed.
 */
export class NonceWindow {
  readonly #last: LRUCache<string, bigint>;
  readonly #nowNs: () => bigint;
  #evictedFloor = 0n;

  constructor(options: NonceWindowOptions = {}) {
    this.#nowNs = options.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.#last = new LRUCache<string, bigint>({
      max: options.maxEndpoints ?? 100_000,
      dispose: (nonce, _key, reason) => {
        if (reason === 'evict' && nonce > this.#evictedFloor) this.#evictedFloor = nonce;
      },
    });
  }

  get size(): number {
    return this.#last.size;
  }

  /** Undefined when `nonce` is acceptable for `endpoint`, otherwise the reason it is not. */
  check(endpoint: string, nonce: bigint, timeoutS: number): string | undefined {
    const last = this.#last.peek(endpoint);
    if (last !== undefined) {
      return nonce > last ? undefined : 'Nonce is too old, a newer one was last processed';
    }
    const allowedNs = ALLOWED_DELTA_NS + BigInt(Math.ceil(timeoutS * 1e9));
    const ageNs = this.#nowNs() - nonce;
    if (ageNs >= allowedNs) {
      const allowed = Number(allowedNs) / 1e9;
      const age = Number(ageNs) / 1e9;
      return `Nonce is too old: acceptable delta is ${allowed.toFixed(2)} seconds but request was ${age.toFixed(2)} seconds old`;
    }
    if (nonce <= this.#evictedFloor) return 'Nonce is too old, a newer one was last processed';
    return undefined;
  }

  /** Records an accepted nonce. Call only after the signature verified. */
  commit(endpoint: string, nonce: bigint): void {
    this.#last.set(endpoint, nonce);
  }
}
