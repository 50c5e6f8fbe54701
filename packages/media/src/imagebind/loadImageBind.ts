import {
  ClipTokenizer,
  type CreateSessionOptions,
  createSession,
  type FetchModelOptions,
  fetchModelFile,
  inferenceOptionsSchema,
  modelFileSchema,
  modelSourceSchema,
} from '@taonode/inference';
import { z } from 'zod';
import type { Ffmpeg } from '../ffmpeg/createFfmpeg.js';
import { OnnxImageBind, OnnxImageBindText } from './onnxImageBind.js';

const file = (path: string) => modelFileSchema.default({ path });

/**
 * ImageBind (videobind v2) exported as one ONNX file per modality (contract in docs/inference.md)
 * plus CLIP's BPE vocabulary, from a local folder or a hub repo at a pinned commit.
 */
export const imageBindModelSchema = z.object({
  source: modelSourceSchema,
  vision: file('vision.onnx'),
  audio: file('audio.onnx'),
  text: file('text.onnx'),
  vocab: file('bpe_simple_vocab_16e6.txt.gz'),
});
export type ImageBindModelOptions = z.input<typeof imageBindModelSchema>;

export interface ImageBindLoadDeps {
  /** Hub token, download progress; see `fetchModelFile`. */
  fetch?: FetchModelOptions;
  /** Told when `device: auto` skips a provider, so a daemon can log why it runs on CPU. */
  onFallback?: CreateSessionOptions['onFallback'];
}

type InferenceInput = z.input<typeof inferenceOptionsSchema>;

/** ImageBind's text encoder alone (what caption scoring needs): no ffmpeg, no vision/audio graphs. */
export async function loadImageBindText(
  input: ImageBindModelOptions,
  inference: InferenceInput = {},
  deps: ImageBindLoadDeps = {},
): Promise<OnnxImageBindText> {
  const o = imageBindModelSchema.parse(input);
  const inf = inferenceOptionsSchema.parse(inference);
  const tokenizer = ClipTokenizer.fromFile(await fetchModelFile(o.source, o.vocab, deps.fetch));
  const text = await createSession(await fetchModelFile(o.source, o.text, deps.fetch), {
    device: inf.device,
    threads: inf.threads,
    onFallback: deps.onFallback,
  });
  return new OnnxImageBindText(text, tokenizer, inf.batch_size);
}

/** All three ImageBind modalities; sessions opened before a failure are released. */
export async function loadImageBind(
  input: ImageBindModelOptions,
  inference: InferenceInput,
  deps: ImageBindLoadDeps & { ff: Ffmpeg },
): Promise<OnnxImageBind> {
  const o = imageBindModelSchema.parse(input);
  const inf = inferenceOptionsSchema.parse(inference);
  const get = (f: typeof o.vision) => fetchModelFile(o.source, f, deps.fetch);
  const tokenizer = ClipTokenizer.fromFile(await get(o.vocab));
  const options = { device: inf.device, threads: inf.threads, onFallback: deps.onFallback };
  const opened: Awaited<ReturnType<typeof createSession>>[] = [];
  const open = async (path: string) => {
    const s = await createSession(path, options);
    opened.push(s);
    return s;
  };
  try {
    const sessions = {
      vision: await open(await get(o.vision)),
      audio: await open(await get(o.audio)),
      text: await open(await get(o.text)),
    };
    return new OnnxImageBind(deps.ff, sessions, tokenizer, inf.batch_size);
  } catch (err) {
    await Promise.allSettled(opened.map((s) => s.release()));
    throw err;
  }
}
