import {
  ClipTokenizer,
  type CreateSessionOptions,
  createSession,
  type FetchModelOptions,
  fetchModelFile,
  type ModelSession,
} from '@taonode/inference';
import { type Ffmpeg, type ImageBindModelOptions, imageBindModelSchema, OnnxImageBind } from '@taonode/media';
import { ByteBpeTokenizer } from './byteBpeTokenizer.js';
import { checkEncoderInputs } from './encoderSession.js';
import { GteSimilarity } from './gteSimilarity.js';
import { type Sn24ModelOptions, sn24ModelOptionsSchema } from './modelOptions.js';
import { OnnxUnstuffer } from './onnxUnstuffer.js';
import type { Sn24Models } from './types.js';
import { WordPieceTokenizer } from './wordPieceTokenizer.js';

export interface Sn24ModelDeps {
  /** Checked ffmpeg (from `createFfmpeg`) for the video/audio preprocessing. */
  ff: Ffmpeg;
  /** Hub token, download progress; see `fetchModelFile`. */
  fetch?: FetchModelOptions;
  /** Told when `device: auto` skips a provider, so the daemon can log why it runs on CPU. */
  onFallback?: CreateSessionOptions['onFallback'];
}

/** `loadSn24Models`' result: the ONNX ImageBind exposes its chunk and token helpers unconditionally. */
export interface LoadedSn24Models extends Sn24Models {
  imagebind: OnnxImageBind;
  textSimilarity: GteSimilarity;
  unstuffer: OnnxUnstuffer;
}

type SessionOptions = Pick<CreateSessionOptions, 'device' | 'threads' | 'onFallback'>;

/** Opens sessions one by one; on a failure releases those already open, so nothing leaks. */
class SessionGroup {
  readonly opened: ModelSession[] = [];
  constructor(private readonly options: SessionOptions) {}

  async open(path: string): Promise<ModelSession> {
    const s = await createSession(path, this.options);
    this.opened.push(s);
    return s;
  }

  async releaseAll(): Promise<void> {
    await Promise.allSettled(this.opened.map((s) => s.release()));
  }
}

async function openImageBind(
  input: ImageBindModelOptions,
  group: SessionGroup,
  deps: Sn24ModelDeps,
  batchSize: number,
): Promise<OnnxImageBind> {
  const o = imageBindModelSchema.parse(input);
  const get = (file: typeof o.vision) => fetchModelFile(o.source, file, deps.fetch);
  const tokenizer = ClipTokenizer.fromFile(await get(o.vocab));
  const sessions = {
    vision: await group.open(await get(o.vision)),
    audio: await group.open(await get(o.audio)),
    text: await group.open(await get(o.text)),
  };
  return new OnnxImageBind(deps.ff, sessions, tokenizer, batchSize);
}

function sessionOptions(
  options: { device: CreateSessionOptions['device']; threads?: number },
  deps: Sn24ModelDeps,
) {
  return { device: options.device, threads: options.threads, onFallback: deps.onFallback };
}

/** ImageBind alone: all a miner needs. `release()` frees its sessions. */
export async function loadImageBind(
  input: ImageBindModelOptions,
  inference: Sn24ModelOptions['inference'],
  deps: Sn24ModelDeps,
): Promise<OnnxImageBind> {
  const { inference: inf } = sn24ModelOptionsSchema.pick({ inference: true }).parse({ inference });
  const group = new SessionGroup(sessionOptions(inf, deps));
  try {
    return await openImageBind(input, group, deps, inf.batch_size);
  } catch (err) {
    await group.releaseAll();
    throw err;
  }
}

/**
 * Fetches (hub at a pinned commit, hash-checked, or a local folder) and opens every SN24 model on
 * the configured device: ImageBind's three modalities, gte-large and the unstuffer.
 */
export async function loadSn24Models(
  input: Sn24ModelOptions,
  deps: Sn24ModelDeps,
): Promise<LoadedSn24Models> {
  const o = sn24ModelOptionsSchema.parse(input);
  const group = new SessionGroup(sessionOptions(o.inference, deps));
  const batchSize = o.inference.batch_size;
  try {
    const imagebind = await openImageBind(o.imagebind, group, deps, batchSize);
    const gteModel = await group.open(await fetchModelFile(o.gte.source, o.gte.model, deps.fetch));
    checkEncoderInputs(gteModel, 'gte');
    const gteTok = WordPieceTokenizer.fromFile(
      await fetchModelFile(o.gte.source, o.gte.vocab, deps.fetch),
      o.gte.lowercase,
    );
    const u = o.unstuffer;
    const unstufferModel = await group.open(await fetchModelFile(u.source, u.model, deps.fetch));
    checkEncoderInputs(unstufferModel, 'unstuffer');
    const unstufferTok = ByteBpeTokenizer.fromFiles(
      await fetchModelFile(u.source, u.vocab, deps.fetch),
      await fetchModelFile(u.source, u.merges, deps.fetch),
    );
    return {
      imagebind,
      textSimilarity: new GteSimilarity(gteModel, gteTok, o.gte.max_tokens, batchSize),
      unstuffer: new OnnxUnstuffer(unstufferModel, unstufferTok, u.max_tokens, u.clean_index, batchSize),
      close: () => group.releaseAll(),
    };
  } catch (err) {
    await group.releaseAll();
    throw err;
  }
}
