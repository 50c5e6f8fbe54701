import { createHash } from 'node:crypto';

/**
 * A deterministic stream of uniform integers from a seed (sha256 in counter mode), so every
 * validator that starts from the same block hash draws the same rows in the same order.
 */
export class SeededRandom {
  private counter = 0;
  private pool = Buffer.alloc(0);
  private at = 0;

  constructor(private readonly seed: string) {}

  private uint32(): number {
    if (this.at + 4 > this.pool.length) {
      this.pool = createHash('sha256')
        .update(`${this.seed}\0${this.counter++}`)
        .digest();
      this.at = 0;
    }
    const v = this.pool.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`below(${n})`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.uint32();
      if (v < limit) return v % n;
    }
  }

  /** Fisher–Yates shuffle (a new array). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** The row-selection seed of an evaluation round: domain-separated from the block hash. */
export function evaluationSeed(blockHash: string, competition: string): string {
  return createHash('sha256')
    .update(`taonode-sn21-rows\0${competition}\0${blockHash.toLowerCase()}`)
    .digest('hex');
}
