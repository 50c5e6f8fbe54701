/**
 * Nanosecond nonces (`time.time_ns()` in Python) that never repeat or go backwards within this
 * process, even when many requests are signed in the same millisecond or the wall clock steps back.
 */
export class NonceSource {
  #last = 0n;

  constructor(private readonly nowNs: () => bigint = wallClockNs) {}

  next(): bigint {
    const now = this.nowNs();
    this.#last = now > this.#last ? now : this.#last + 1n;
    return this.#last;
  }
}

/**
 * Wall-clock ns. Date.now() follows NTP corrections (a monotonic clock would drift away from the
 * peers' clocks, and axons compare nonces against their own wall clock); the sub-millisecond part
 * comes from hrtime so nonces within one millisecond still differ.
 */
export function wallClockNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}

/** The process-wide source: every dendrite in this process draws from it. */
export const processNonces = new NonceSource();
