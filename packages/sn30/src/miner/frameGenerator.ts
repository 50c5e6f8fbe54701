import { createHash } from 'node:crypto';
import { DiffusionInputError } from '@taonode/diffusion';
import { GenerationInputError, GeneratorBusyError, GeneratorCallError } from '../errors.js';
import type { GeneratorClient } from '../generator/generatorClient.js';
import type { GeneratorService } from '../generator/generatorService.js';
import type { GenerationInputs } from '../inputs/generationInputs.js';

export interface FramesResult {
  /** The frames safetensors, exactly the bytes a Download will serve. */
  frames: Uint8Array;
  /** Lowercase hex SHA-256 of `frames`. */
  sha256: string;
  ms: number;
}

/** How a failed generation counts for the pool. */
export type FailureKind = 'busy' | 'input' | 'down' | 'failed' | 'aborted';

/** One place generations run: the local device, or a `taonode sn30 generator` over HTTP. */
export interface FrameGenerator {
  /** `local` or the generator's URL. */
  readonly name: string;
  /** Requests this process has in flight or queued there (least-queue dispatch). */
  readonly load: number;
  generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<FramesResult>;
  /** Liveness probe: resolves true when the generator can take work. */
  check(): Promise<boolean>;
  /** modelIdentity() of what it runs. */
  model(): Promise<string>;
}

/** Sorts an error thrown by a generator into what the pool does next. */
export function failureKind(err: unknown, signal?: AbortSignal): FailureKind {
  if (signal?.aborted) return 'aborted';
  if (err instanceof GeneratorBusyError) return 'busy';
  if (err instanceof GenerationInputError || err instanceof DiffusionInputError) return 'input';
  if (err instanceof GeneratorCallError) {
    if (err.status === undefined) return 'down';
    if (err.status === 503) return 'busy';
    if (err.status === 400 || err.status === 413) return 'input';
    return 'failed';
  }
  return 'failed';
}

/** The in-process generator on this machine's device. */
export class LocalGenerator implements FrameGenerator {
  readonly name = 'local';

  constructor(
    private readonly service: GeneratorService,
    private readonly identity: string,
  ) {}

  get load(): number {
    return this.service.running + this.service.queueDepth;
  }

  async generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<FramesResult> {
    const out = await this.service.generate(inputs, signal);
    return { frames: out.frames, sha256: out.sha256, ms: out.ms };
  }

  async check(): Promise<boolean> {
    return true;
  }

  async model(): Promise<string> {
    return this.identity;
  }
}

/** A `taonode sn30 generator` reached over HTTP (GeneratorClient checks hash, size and header). */
export class RemoteGenerator implements FrameGenerator {
  private inFlight = 0;

  constructor(
    private readonly client: GeneratorClient,
    private readonly timeoutMs = 120_000,
  ) {}

  get name(): string {
    return this.client.url;
  }

  get load(): number {
    return this.inFlight;
  }

  async generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<FramesResult> {
    this.inFlight++;
    const started = performance.now();
    try {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const r = await this.client.generate(inputs, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return { frames: r.bytes, sha256: r.sha256, ms: performance.now() - started };
    } finally {
      this.inFlight--;
    }
  }

  async check(): Promise<boolean> {
    try {
      const res = await fetch(`${this.client.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  async model(): Promise<string> {
    return (await this.client.info()).model;
  }
}

/** sha256 hex of bytes (one place, so miner and validator hash alike). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
