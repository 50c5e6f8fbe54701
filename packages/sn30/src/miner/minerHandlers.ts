import { NOISE_LAYOUT_VERSION } from '@taonode/diffusion';
import {
  type AttachHandlers,
  type Axon,
  type ForwardContext,
  ForwardRejection,
  type StreamResponse,
  type Synapse,
  type SynapseBase,
  streamResponse,
} from '@taonode/transport';
import { GeneratorBusyError } from '../errors.js';
import { sanitizeGenerationInputs } from '../inputs/generationInputs.js';
import { maxFramesBytes, wireInputsOf } from '../protocol/generateFields.js';
import { Delete, Download, Generate, Info, SN30_SPEC_VERSION } from '../protocol/synapses.js';
import { failureKind } from './frameGenerator.js';
import { type GeneratorPool, NoGeneratorError } from './generatorPool.js';
import type { ResultStore } from './resultStore.js';

type FieldsOf<D> = D extends { create(v: never): Synapse<infer F> } ? F : never;
export type GenerateSynapse = Synapse<FieldsOf<typeof Generate>>;
export type DownloadSynapse = Synapse<FieldsOf<typeof Download>>;
export type DeleteSynapse = Synapse<FieldsOf<typeof Delete>>;
export type InfoSynapse = Synapse<FieldsOf<typeof Info>>;

export interface MinerHandlersOptions {
  pool: GeneratorPool;
  store: ResultStore;
  /** modelIdentity() of what the pool runs (announced by Info). */
  model: string;
  /** Smallest side accepted (512; the tiny test models go lower). */
  minSize?: number;
  /** One line per failure worth an operator's eye (never the prompt). */
  log?: (entry: Record<string, unknown>) => void;
  /** Called once per generation committed to the store (the miner's "generations served" figure). */
  onGenerated?: (e: { hotkey: string; ms: number; bytes: number }) => void;
}

/** Frames go out in slices, so a slow reader never makes the axon copy the whole file at once. */
const SLICE = 1 << 20;

async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += SLICE) yield bytes.subarray(at, at + SLICE);
}

/**
 * How an SN30 miner answers the four synapses: Generate sanitises the inputs (422 naming the field),
 * reserves room in the result store (503 when full), runs the generation on the pool (503 when no
 * generator can take it) and commits frames + hash under a fresh id before answering, so the hash
 * is fixed before any download can happen. Download and Delete work only for the hotkey that asked
 * for the generation (404 for anyone else: ids cannot be probed), Download only once.
 */
export function minerHandlers(options: MinerHandlersOptions) {
  const { pool, store, model } = options;
  const minSize = options.minSize ?? 512;
  const log = options.log ?? (() => undefined);

  async function generate(s: GenerateSynapse, ctx: ForwardContext): Promise<GenerateSynapse> {
    const hotkey = s.dendrite.hotkey ?? '';
    let inputs: ReturnType<typeof sanitizeGenerationInputs>;
    try {
      inputs = sanitizeGenerationInputs(wireInputsOf(s), { minSize });
    } catch (err) {
      throw new ForwardRejection(422, (err as Error).message);
    }
    const room = store.reserve(maxFramesBytes(inputs));
    if (room === undefined) {
      log({
        level: 'warn',
        msg: 'result store full; Generate refused',
        bytes: store.bytes,
        max: store.maxBytes,
      });
      throw new ForwardRejection(503, 'result store full: download or delete earlier generations');
    }
    try {
      const out = await pool.generate(inputs, ctx.signal);
      const id = room.commit(hotkey, out.frames, out.sha256);
      options.onGenerated?.({ hotkey, ms: out.ms, bytes: out.frames.byteLength });
      s.generation_id = id;
      s.frames_sha256 = out.sha256;
      return s;
    } catch (err) {
      room.release();
      if (err instanceof GeneratorBusyError) throw new ForwardRejection(503, 'generators busy, retry later');
      if (err instanceof NoGeneratorError) throw new ForwardRejection(503, err.message);
      if (failureKind(err) === 'input') throw new ForwardRejection(422, (err as Error).message);
      throw err;
    }
  }

  function download(s: DownloadSynapse): StreamResponse {
    const got = store.take(s.dendrite.hotkey ?? '', s.generation_id);
    if (got === undefined) {
      throw new ForwardRejection(
        404,
        `no generation ${s.generation_id} for this hotkey (unknown, expired, downloaded or deleted)`,
      );
    }
    return streamResponse(slices(got.frames));
  }

  function remove(s: DeleteSynapse): DeleteSynapse {
    if (!store.delete(s.dendrite.hotkey ?? '', s.generation_id))
      throw new ForwardRejection(404, `no generation ${s.generation_id} for this hotkey`);
    s.deleted = true;
    return s;
  }

  function info(s: InfoSynapse): InfoSynapse {
    s.role = 'miner';
    s.spec_version = SN30_SPEC_VERSION;
    s.model = model;
    s.noise = NOISE_LAYOUT_VERSION;
    s.min_size = minSize;
    return s;
  }

  return { generate, download, delete: remove, info };
}

export type MinerHandlers = ReturnType<typeof minerHandlers>;

/** The runtime's blacklist/priority/verify hooks (never the forward). */
export type CallerGuards = Pick<AttachHandlers<SynapseBase>, 'blacklist' | 'priority' | 'verify'>;

/** Attaches the SN30 synapses to an axon. Info is open to every verified caller; the rest are guarded. */
export function attachMiner(axon: Axon, handlers: MinerHandlers, guards: CallerGuards = {}): void {
  axon.attach(Generate, { ...guards, forward: handlers.generate });
  axon.attach(Download, { ...guards, forward: handlers.download });
  axon.attach(Delete, { ...guards, forward: handlers.delete });
  axon.attach(Info, { forward: handlers.info });
}
