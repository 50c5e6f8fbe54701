import { createHash } from 'node:crypto';
import { type ParsedFrames, parseFrames } from '@taonode/diffusion';
import { GeneratorCallError } from '../errors.js';
import type { GenerationInputsWire } from '../inputs/generationInputs.js';
import {
  type GeneratorInfo,
  generatorErrorSchema,
  generatorInfoSchema,
  HEADER_ID,
  HEADER_SHA256,
} from './generatorApi.js';

export interface GeneratorResult {
  id: string;
  sha256: string;
  /** The safetensors bytes as received (checked against the sha256 and parsed). */
  bytes: Uint8Array;
  frames: ParsedFrames;
}

/** Refuses a frames file bigger than a 100-step 1536×1536 F32 generation (+ header). */
const MAX_FRAMES_BYTES = 100 * 4 * 192 * 192 * 4 + 64 * 1024;

/** The miner's side of the generator API: schema-checked answers, typed failures. */
export class GeneratorClient {
  constructor(
    readonly url: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async call(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.url}${path}`, {
        ...init,
        signal: init.signal ?? AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new GeneratorCallError(this.url, `unreachable (${(err as Error).message})`, undefined, {
        cause: err,
      });
    }
    if (!res.ok) {
      const body = await res.json().catch(() => undefined);
      const parsed = generatorErrorSchema.safeParse(body);
      const reason = parsed.success
        ? `${parsed.data.error.code}: ${parsed.data.error.message}`
        : `HTTP ${res.status}`;
      throw new GeneratorCallError(this.url, reason, res.status);
    }
    return res;
  }

  async info(timeoutMs = 5_000): Promise<GeneratorInfo> {
    const res = await this.call('/v1/info', { method: 'GET' }, timeoutMs);
    const parsed = generatorInfoSchema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new GeneratorCallError(this.url, 'bad /v1/info answer');
    return parsed.data;
  }

  async generate(
    inputs: GenerationInputsWire,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<GeneratorResult> {
    const res = await this.call(
      '/v1/generate',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(inputs),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      options.timeoutMs ?? 120_000,
    );
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_FRAMES_BYTES)
      throw new GeneratorCallError(this.url, `frames of ${declared} bytes are too large`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > MAX_FRAMES_BYTES) throw new GeneratorCallError(this.url, 'frames too large');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== res.headers.get(HEADER_SHA256))
      throw new GeneratorCallError(this.url, 'frames do not match their sha256');
    let frames: ParsedFrames;
    try {
      frames = parseFrames(bytes);
    } catch (err) {
      throw new GeneratorCallError(this.url, (err as Error).message, undefined, { cause: err });
    }
    return { id: res.headers.get(HEADER_ID) ?? '', sha256, bytes, frames };
  }
}
