/**
 * Runs at most `concurrency` forwards at once; waiting requests leave the queue highest priority
 * first (the Python axon's priority thread pool). A request whose deadline passes while queued
 * gets 'timeout' (408); a full queue answers 'overloaded' (503) instead of growing without bound.
 */
export class PriorityGate {
  #running = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  get running(): number {
    return this.#running;
  }
  get queued(): number {
    return this.#queue.length;
  }

  /** Takes a free slot at once if there is one (no promise, no queue). */
  tryAcquire(): boolean {
    if (this.#running >= this.concurrency) return false;
    this.#running++;
    return true;
  }

  acquire(priority: number, deadlineMs: number): Promise<'ok' | 'timeout' | 'overloaded'> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve('ok');
    }
    if (this.#queue.length >= this.maxQueue) return Promise.resolve('overloaded');
    return new Promise((resolve) => {
      const waiter: Waiter = { priority, resolve, timer: undefined };
      waiter.timer = setTimeout(
        () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          resolve('timeout');
        },
        Math.max(0, deadlineMs - Date.now()),
      );
      // Keep the queue sorted by priority, first-come first-served within one priority.
      let i = this.#queue.length;
      while (i > 0 && this.#queue[i - 1]!.priority < priority) i--;
      this.#queue.splice(i, 0, waiter);
    });
  }

  release(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#running--;
      return;
    }
    clearTimeout(next.timer);
    next.resolve('ok');
  }
}

interface Waiter {
  priority: number;
  resolve: (r: 'ok') => void;
  timer: NodeJS.Timeout | undefined;
}
