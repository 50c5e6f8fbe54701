import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultTinyModelDir, ensureTinyImageBind } from '@taonode/inference/testing';
import { writeFileAtomic } from '@taonode/kit';
import type { Sn24ModelOptions } from '../models/modelOptions.js';
import { TINY_TEXT_MODELS_VERSION, tinyGteModel, tinyUnstufferModel } from './tinyTextModels.js';
import { tinyByteBpeVocab, tinyClipVocab, tinyWordPieceVocab } from './tinyVocabularies.js';

/** `<repo>/.cache/models/<version>/` beside the tiny ImageBind files (git-ignored). */
export function defaultTinySn24Dir(): string {
  return join(dirname(defaultTinyModelDir()), TINY_TEXT_MODELS_VERSION);
}

async function ensure(file: string, make: () => Uint8Array | string): Promise<void> {
  if (!existsSync(file)) await writeFileAtomic(file, make());
}

/**
 * Generates (once) tiny random-weight stand-ins for every SN24 model with the real files' names and
 * input/output contracts, plus small tokenizer files in the real layouts, and returns model options
 * pointing at them (local folders, CPU). Deterministic, so parallel test workers may race harmlessly.
 */
export async function tinySn24ModelOptions(dir = defaultTinySn24Dir()): Promise<Sn24ModelOptions> {
  const imagebind = join(dir, 'imagebind');
  const gte = join(dir, 'gte');
  const unstuffer = join(dir, 'unstuffer');
  await ensureTinyImageBind(imagebind);
  await ensure(join(imagebind, 'bpe_simple_vocab_16e6.txt'), tinyClipVocab);
  const wordPiece = tinyWordPieceVocab();
  await ensure(join(gte, 'vocab.txt'), () => wordPiece);
  await ensure(join(gte, 'onnx', 'model.onnx'), () => tinyGteModel(wordPiece.trimEnd().split('\n').length));
  const bpe = tinyByteBpeVocab();
  await ensure(join(unstuffer, 'vocab.json'), () => bpe.vocabJson);
  await ensure(join(unstuffer, 'merges.txt'), () => bpe.mergesTxt);
  await ensure(join(unstuffer, 'onnx', 'model.onnx'), () =>
    tinyUnstufferModel(Object.keys(JSON.parse(bpe.vocabJson)).length),
  );
  return {
    imagebind: {
      source: { kind: 'local', dir: imagebind },
      vocab: { path: 'bpe_simple_vocab_16e6.txt' },
    },
    gte: { source: { kind: 'local', dir: gte } },
    unstuffer: { source: { kind: 'local', dir: unstuffer } },
    inference: { device: 'cpu', batch_size: 16 },
  };
}
