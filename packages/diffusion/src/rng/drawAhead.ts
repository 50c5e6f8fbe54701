import type { NoiseDrawer } from './gaussianWorkers.js';

/**
 * Draws 0 … last of one seed, used in increasing order (a replay walks the solver history draw by
 * draw). With noise workers, each `get` also requests the next `depth` draws, so the workers compute
 * them while this thread is busy in ONNX Runtime or the walk; with an inline drawer nothing is drawn
 * before it is asked for. A draw is handed out once: keep it while it is needed.
 */
export class DrawAhead {
  readonly #requested = new Map<number, Promise<Float32Array>>();
  #requestedUpTo = -1;

  constructor(
    private readonly drawer: NoiseDrawer,
    private readonly seed: number,
    private readonly length: number,
    private readonly last: number,
    private readonly depth = 8,
  ) {}

  #request(d: number): void {
    if (this.#requested.has(d)) return;
    this.#requested.set(d, this.drawer.fill(this.drawer.alloc(this.length), this.seed, d));
    this.#requestedUpTo = Math.max(this.#requestedUpTo, d);
  }

  /** Starts drawing 0 … depth−1 now (call before a long wait, e.g. the text encoders). */
  prefetch(from = 0): void {
    if (!this.drawer.parallel) return;
    for (let d = from; d <= Math.min(this.last, from + this.depth - 1); d++) this.#request(d);
  }

  get(d: number): Promise<Float32Array> {
    if (!Number.isInteger(d) || d < 0 || d > this.last)
      throw new RangeError(`draw ${d} outside 0..${this.last}`);
    this.#request(d);
    if (this.drawer.parallel) {
      const upTo = Math.min(this.last, d + this.depth);
      for (let e = Math.max(d + 1, this.#requestedUpTo + 1); e <= upTo; e++) this.#request(e);
    }
    const z = this.#requested.get(d)!;
    this.#requested.delete(d);
    return z;
  }
}
