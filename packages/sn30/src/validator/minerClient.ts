import type { AxonTarget, Dendrite } from '@taonode/transport';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { generateFieldsOf } from '../protocol/generateFields.js';
import { Delete, Download, Generate, Info } from '../protocol/synapses.js';

export type GenerateOutcome =
  | { ok: true; id: string; sha256: string; seconds: number }
  | { ok: false; status: number; reason: string; seconds: number };

export type DownloadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; status: number; reason: string };

export interface MinerInfo {
  role: 'miner' | 'validator';
  specVersion: number;
  model: string;
  noise: string;
  minSize: number;
}

const ID = /^[0-9a-f-]{1,64}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The validator's side of the SN30 protocol over the dendrite. Never throws because a miner
 * misbehaved: every call returns an outcome (it rejects only when `signal` cancels it).
 */
export class MinerClient {
  constructor(private readonly dendrite: Dendrite) {}

  async info(axon: AxonTarget, opts: { timeoutS?: number; signal?: AbortSignal } = {}) {
    const r = await this.dendrite.call(axon, Info.create({}), { timeout: opts.timeoutS ?? 12, ...sig(opts) });
    const { role, spec_version, model, noise, min_size } = r;
    if (r.dendrite.status_code !== 200 || role === null || spec_version === null || model === null)
      return {
        ok: false as const,
        status: r.dendrite.status_code ?? 0,
        reason: r.dendrite.status_message ?? '',
      };
    const info: MinerInfo = {
      role,
      specVersion: spec_version,
      model,
      noise: noise ?? '',
      minSize: min_size ?? 512,
    };
    return { ok: true as const, info };
  }

  async generate(
    axon: AxonTarget,
    inputs: GenerationInputs,
    opts: { timeoutS?: number; signal?: AbortSignal } = {},
  ): Promise<GenerateOutcome> {
    const started = performance.now();
    const r = await this.dendrite.call(axon, Generate.create(generateFieldsOf(inputs)), {
      ...(opts.timeoutS !== undefined ? { timeout: opts.timeoutS } : {}),
      ...sig(opts),
    });
    const seconds = (performance.now() - started) / 1000;
    const status = r.dendrite.status_code ?? 0;
    if (status !== 200)
      return { ok: false, status, reason: r.dendrite.status_message ?? `status ${status}`, seconds };
    if (r.generation_id === null || !ID.test(r.generation_id))
      return { ok: false, status: 422, reason: 'answer without a valid generation_id', seconds };
    if (r.frames_sha256 === null || !SHA256.test(r.frames_sha256))
      return { ok: false, status: 422, reason: 'answer without a valid frames_sha256', seconds };
    return { ok: true, id: r.generation_id, sha256: r.frames_sha256, seconds };
  }

  /**
   * Streams the frames into one buffer of at most `maxBytes` (from the inputs: maxFramesBytes), and
   * stops reading — closing the connection — as soon as a miner sends more.
   */
  async download(
    axon: AxonTarget,
    id: string,
    maxBytes: number,
    opts: { timeoutS?: number; signal?: AbortSignal } = {},
  ): Promise<DownloadOutcome> {
    // Not zero-filled: only the bytes received (all overwritten) are ever read.
    const buffer = Buffer.allocUnsafeSlow(maxBytes);
    let size = 0;
    const stream = this.dendrite.stream(axon, Download.create({ generation_id: id }), {
      ...(opts.timeoutS !== undefined ? { timeout: opts.timeoutS } : {}),
      ...sig(opts),
    });
    for await (const part of stream) {
      if (part instanceof Uint8Array) {
        if (size + part.byteLength > maxBytes) {
          await stream.return(undefined);
          return {
            ok: false,
            status: 413,
            reason: `frames larger than the ${maxBytes} bytes these inputs allow`,
          };
        }
        buffer.set(part, size);
        size += part.byteLength;
        continue;
      }
      const status = part.dendrite.status_code ?? 0;
      if (status !== 200)
        return { ok: false, status, reason: part.dendrite.status_message ?? `status ${status}` };
    }
    if (size === 0) return { ok: false, status: 204, reason: 'empty download' };
    return { ok: true, bytes: buffer.subarray(0, size) };
  }

  /** This client bound to one miner, as a stress test talks to it. */
  link(axon: AxonTarget, opts: { generateTimeoutS?: number; downloadTimeoutS?: number } = {}) {
    return {
      generate: (inputs: GenerationInputs, signal?: AbortSignal) =>
        this.generate(axon, inputs, {
          ...(opts.generateTimeoutS !== undefined ? { timeoutS: opts.generateTimeoutS } : {}),
          ...(signal ? { signal } : {}),
        }),
      download: (id: string, maxBytes: number, signal?: AbortSignal) =>
        this.download(axon, id, maxBytes, {
          ...(opts.downloadTimeoutS !== undefined ? { timeoutS: opts.downloadTimeoutS } : {}),
          ...(signal ? { signal } : {}),
        }),
      delete: (id: string) => this.delete(axon, id),
    };
  }

  /** Best effort: false when the miner did not confirm. */
  async delete(axon: AxonTarget, id: string, opts: { signal?: AbortSignal } = {}): Promise<boolean> {
    const r = await this.dendrite.call(axon, Delete.create({ generation_id: id }), sig(opts));
    return r.dendrite.status_code === 200 && r.deleted === true;
  }
}

function sig(opts: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {};
}
