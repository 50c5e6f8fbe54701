/**
 * Runs one job at a time (an SN24 answer already keeps every core busy with ffmpeg and ONNX
 * Runtime) with a bounded queue: past `maxQueued` waiting jobs a caller gets `busy` at once, an
 * empty answer it can score as such, rather than a timeout after minutes in line.
 */
export class RequestGate {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxQueued: number) {}

  get pending(): number {
    return this.waiting;
  }

  async run<T>(job: () => Promise<T>, busy: T): Promise<T> {
    if (this.waiting > this.maxQueued) return busy;
    this.waiting++;
    const turn = this.tail.then(job);
    this.tail = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.waiting--;
    }
  }
}
