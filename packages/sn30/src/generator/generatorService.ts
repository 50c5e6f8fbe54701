import { createHash, randomUUID } from 'node:crypto';
import type { ControlImage, SdxlPipeline } from '@taonode/diffusion';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { GeneratorBusyError } from '../errors.js';
import { type GenerationInputs, toDiffusionInputs } from '../inputs/generationInputs.js';

export interface GeneratedFrames {
  id: string;
  sha256: string;
  /** The frames safetensors (the FramesBuffer's own bytes: not copied). */
  frames: Uint8Array;
  steps: number;
  ms: number;
}

export interface GeneratorServiceOptions {
  pipeline: SdxlPipeline;
  /** Generations run at once on the device (the reference's CONCURRENCY, default 1). */
  concurrency?: number;
  /** Requests that may wait; one more is refused with GeneratorBusyError. */
  queueLimit?: number;
  /** Control image per size, for a model with a ControlNet. */
  controlImage?: (width: number, height: number) => Promise<ControlImage>;
}

/**
 * Generations from one device with bounded concurrency and a bounded queue, and the metrics the
 * `/metrics` route exports (queue depth, in flight, steps/s, results).
 */
export class GeneratorService {
  readonly registry = new Registry();
  readonly concurrency: number;
  readonly queueLimit: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly queueGauge: Gauge;
  private readonly inFlightGauge: Gauge;
  private readonly stepsPerSecond: Gauge;
  private readonly results: Counter;
  private readonly stepsTotal: Counter;
  private readonly seconds: Histogram;
  private readonly recent: { at: number; steps: number }[] = [];

  constructor(private readonly options: GeneratorServiceOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.queueLimit = options.queueLimit ?? 8;
    const registers = [this.registry];
    this.queueGauge = new Gauge({
      name: 'taonode_sn30_generator_queue_depth',
      help: 'Requests waiting',
      registers,
    });
    this.inFlightGauge = new Gauge({
      name: 'taonode_sn30_generator_in_flight',
      help: 'Generations running',
      registers,
    });
    this.stepsPerSecond = new Gauge({
      name: 'taonode_sn30_generator_steps_per_second',
      help: 'Denoising steps per second over the last minute',
      registers,
      collect: () => this.stepsPerSecond.set(this.rate()),
    });
    this.results = new Counter({
      name: 'taonode_sn30_generator_requests_total',
      help: 'Generation requests by result',
      labelNames: ['result'],
      registers,
    });
    this.stepsTotal = new Counter({
      name: 'taonode_sn30_generator_steps_total',
      help: 'Denoising steps run',
      registers,
    });
    this.seconds = new Histogram({
      name: 'taonode_sn30_generator_seconds',
      help: 'Time per generation, queueing excluded',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60],
      registers,
    });
  }

  get pipeline(): SdxlPipeline {
    return this.options.pipeline;
  }

  get queueDepth(): number {
    return this.waiting.length;
  }

  get running(): number {
    return this.inFlight;
  }

  /** Steps per second over the last 60 s. */
  rate(now = Date.now()): number {
    while (this.recent.length > 0 && now - this.recent[0]!.at > 60_000) this.recent.shift();
    const steps = this.recent.reduce((s, r) => s + r.steps, 0);
    return steps / 60;
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    if (this.waiting.length >= this.queueLimit) {
      this.results.inc({ result: 'busy' });
      throw new GeneratorBusyError(this.waiting.length);
    }
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.queueGauge.set(this.waiting.length);
    });
    this.queueGauge.set(this.waiting.length);
  }

  private release(): void {
    const next = this.waiting.shift();
    this.queueGauge.set(this.waiting.length);
    if (next) next();
    else this.inFlight--;
    this.inFlightGauge.set(this.inFlight);
  }

  /** Queues one generation; GeneratorBusyError when the queue is full. */
  async generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<GeneratedFrames> {
    await this.slot();
    this.inFlightGauge.set(this.inFlight);
    const started = performance.now();
    try {
      const diffusion = toDiffusionInputs(inputs);
      const controlImage =
        this.pipeline.hasControlNet && this.options.controlImage
          ? await this.options.controlImage(diffusion.width, diffusion.height)
          : undefined;
      const { frames } = await this.pipeline.generate(diffusion, {
        ...(controlImage ? { controlImage } : {}),
        ...(signal ? { signal } : {}),
        onStep: () => this.stepsTotal.inc(),
      });
      const ms = performance.now() - started;
      this.recent.push({ at: Date.now(), steps: diffusion.steps });
      this.seconds.observe(ms / 1000);
      this.results.inc({ result: 'ok' });
      return {
        id: randomUUID(),
        sha256: createHash('sha256').update(frames.bytes).digest('hex'),
        frames: frames.bytes,
        steps: diffusion.steps,
        ms,
      };
    } catch (err) {
      this.results.inc({ result: 'error' });
      throw err;
    } finally {
      this.release();
    }
  }
}
