import { GeneratorBusyError, Sn30Error } from '../errors.js';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { type FailureKind, type FrameGenerator, type FramesResult, failureKind } from './frameGenerator.js';

/** No generator can take the request now (all busy or down): the miner answers 503. */
export class NoGeneratorError extends Sn30Error {
  constructor(reason: string) {
    super('SN30_NO_GENERATOR', `no generator available: ${reason}`, 'retry later; the miner log says why');
  }
}

export interface GeneratorPoolOptions {
  generators: readonly FrameGenerator[];
  /** How often generators taken out are probed again, ms (default 10 s). */
  recheckMs?: number;
  /** Failed generations (not busy, not bad input) in a row that take a generator out (default 3). */
  maxConsecutiveFailures?: number;
  log?: (entry: Record<string, unknown>) => void;
}

interface Member {
  generator: FrameGenerator;
  up: boolean;
  failures: number;
  served: number;
}

/**
 * The miner's generators: least-queue dispatch over those that are up; a generator that cannot be
 * reached (or fails `maxConsecutiveFailures` generations in a row) is taken out and probed every
 * `recheckMs` until it answers again. A generation that fails on one generator for a reason that is
 * not the request's (unreachable, died mid-request, busy) is retried on the next, so one dead
 * generator does not fail the validator's request.
 */
export class GeneratorPool {
  private readonly members: Member[];
  private readonly maxFailures: number;
  private readonly recheckMs: number;
  private readonly log: (entry: Record<string, unknown>) => void;
  private timer: NodeJS.Timeout | undefined;
  private rotation = 0;
  private checking = false;

  constructor(options: GeneratorPoolOptions) {
    if (options.generators.length === 0) throw new TypeError('a generator pool needs a generator');
    this.members = options.generators.map((generator) => ({ generator, up: true, failures: 0, served: 0 }));
    this.maxFailures = options.maxConsecutiveFailures ?? 3;
    this.recheckMs = options.recheckMs ?? 10_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Per generator: name, up, load, generations served. */
  status(): { name: string; up: boolean; load: number; served: number }[] {
    return this.members.map((m) => ({
      name: m.generator.name,
      up: m.up,
      load: m.generator.load,
      served: m.served,
    }));
  }

  get served(): number {
    return this.members.reduce((s, m) => s + m.served, 0);
  }

  /**
   * The model every generator runs (modelIdentity). A generator whose model differs from the first
   * one's is taken out for good: its frames would fail every validator's replay.
   */
  async model(): Promise<string> {
    let model: string | undefined;
    for (const m of this.members) {
      let mine: string;
      try {
        mine = await m.generator.model();
      } catch (err) {
        this.takeOut(m, `unreachable at start (${(err as Error).message})`);
        continue;
      }
      if (model === undefined) model = mine;
      else if (mine !== model) {
        m.up = false;
        m.failures = Number.POSITIVE_INFINITY;
        this.log({
          level: 'error',
          msg: 'generator runs another model; not used',
          generator: m.generator.name,
          model: mine,
          expected: model,
        });
      }
    }
    if (model === undefined) throw new NoGeneratorError('none answered /v1/info');
    return model;
  }

  /** Starts probing generators that were taken out (unref'd timer). */
  start(): void {
    this.timer ??= setInterval(() => void this.recheck(), this.recheckMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Probes the generators that are out; those that answer come back. */
  async recheck(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await Promise.all(
        this.members
          .filter((m) => !m.up && Number.isFinite(m.failures))
          .map(async (m) => {
            if (await m.generator.check()) {
              m.up = true;
              m.failures = 0;
              this.log({ level: 'info', msg: 'generator back in the pool', generator: m.generator.name });
            }
          }),
      );
    } finally {
      this.checking = false;
    }
  }

  private takeOut(m: Member, reason: string): void {
    if (!m.up) return;
    m.up = false;
    this.log({
      level: 'warn',
      msg: 'generator taken out of the pool',
      generator: m.generator.name,
      reason,
      recheckMs: this.recheckMs,
    });
  }

  /** Up members, least load first; ties rotate so equal generators share the work. */
  private candidates(): Member[] {
    const up = this.members.filter((m) => m.up);
    const start = this.rotation++ % Math.max(1, up.length);
    const rotated = [...up.slice(start), ...up.slice(0, start)];
    return rotated.sort((a, b) => a.generator.load - b.generator.load);
  }

  async generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<FramesResult> {
    const tried: { name: string; kind: FailureKind; reason: string }[] = [];
    for (const m of this.candidates()) {
      signal?.throwIfAborted();
      try {
        const out = await m.generator.generate(inputs, signal);
        m.failures = 0;
        m.served++;
        return out;
      } catch (err) {
        const kind = failureKind(err, signal);
        if (kind === 'aborted' || kind === 'input') throw err;
        const reason = (err as Error).message;
        tried.push({ name: m.generator.name, kind, reason });
        if (kind === 'down') this.takeOut(m, reason);
        else if (kind === 'failed' && ++m.failures >= this.maxFailures)
          this.takeOut(m, `${m.failures} failed generations in a row (last: ${reason})`);
        if (kind !== 'busy')
          this.log({ level: 'warn', msg: 'generation failed', generator: m.generator.name, kind, reason });
      }
    }
    if (tried.length > 0 && tried.every((t) => t.kind === 'busy')) throw new GeneratorBusyError(tried.length);
    throw new NoGeneratorError(
      tried.length === 0
        ? 'every generator is out of the pool'
        : tried.map((t) => `${t.name}: ${t.reason}`).join('; '),
    );
  }
}
