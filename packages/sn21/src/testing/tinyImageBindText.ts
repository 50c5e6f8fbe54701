import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTinyImageBind } from '@taonode/inference/testing';
import { writeFileAtomic } from '@taonode/kit';
import { loadImageBindText, type OnnxImageBindText } from '@taonode/media';
import { tinyClipVocab } from '@taonode/media/testing';
import { defaultTinySn21Dir } from './tinySn21Models.js';

/**
 * ImageBind's text encoder as the tiny random-weight stand-in (the real loading path: media's
 * `loadImageBindText` from a local folder), with a CLIP-layout vocabulary.
 */
export async function loadTinyImageBindText(
  dir = join(defaultTinySn21Dir(), 'imagebind'),
): Promise<OnnxImageBindText> {
  await ensureTinyImageBind(dir);
  const vocab = join(dir, 'bpe_simple_vocab_16e6.txt');
  if (!existsSync(vocab)) await writeFileAtomic(vocab, tinyClipVocab());
  return loadImageBindText(
    { source: { kind: 'local', dir }, vocab: { path: 'bpe_simple_vocab_16e6.txt' } },
    { device: 'cpu', threads: 1, batch_size: 16 },
  );
}
