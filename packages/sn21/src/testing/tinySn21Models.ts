import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultTinyModelDir, seededWeights } from '@taonode/inference/testing';
import { writeFileAtomic } from '@taonode/kit';
import { makeTestRows, type TestRow } from './testRows.js';
import {
  type ModelFolderFiles,
  memorizingCaptionModel,
  transformerCaptionModel,
} from './tinyCaptionModels.js';
import { TINY_SPECIALS, TINY_VOCAB_SIZE, tinyTokenId } from './tinyVocabulary.js';

export const TINY_SN21_VERSION = 'tiny-sn21-v1';
/** Rows the tiny models know: more than one evaluation's 64, so the row choice matters. */
export const TINY_ROW_COUNT = 80;

export type TinyModelKind = 'good' | 'noise' | 'neverEos' | 'copy' | 'half';

export interface TinySn21Models {
  rows: TestRow[];
  /** Model folders by kind; `copy` holds the same bytes as `good`. */
  dirs: Record<TinyModelKind, string>;
}

/** `<repo>/.cache/models/tiny-sn21-v1/` beside the tiny ImageBind files (git-ignored). */
export function defaultTinySn21Dir(): string {
  return join(dirname(defaultTinyModelDir()), TINY_SN21_VERSION);
}

/** Token ids of a caption in the tiny vocabulary. */
export function captionIds(text: string): number[] {
  return text.split(' ').map(tinyTokenId);
}

function noiseSequences(count: number): number[][] {
  return Array.from({ length: count }, (_, k) => {
    const r = seededWeights(13, 900 + k, 1);
    const length = 3 + Math.floor(((r[0]! + 1) / 2) * 10);
    const words = TINY_VOCAB_SIZE - TINY_SPECIALS.length;
    return Array.from(
      { length },
      (_, i) => TINY_SPECIALS.length + (Math.floor(((r[i + 1]! + 1) / 2) * words) % words),
    );
  });
}

export function tinyModelFiles(kind: TinyModelKind, rows: readonly TestRow[]): ModelFolderFiles {
  switch (kind) {
    case 'good':
    case 'copy':
      return memorizingCaptionModel(
        rows,
        rows.map((r) => captionIds(r.description)),
      );
    case 'noise':
      return memorizingCaptionModel(rows, noiseSequences(rows.length));
    case 'half': {
      const noise = noiseSequences(rows.length);
      return memorizingCaptionModel(
        rows,
        rows.map((r, i) => (i % 2 === 0 ? captionIds(r.description) : noise[i]!)),
      );
    }
    case 'neverEos':
      return transformerCaptionModel({ hidden: 32, layers: 1, heads: 2, neverEos: true, seed: 9 });
  }
}

export async function writeModelFolder(dir: string, files: ModelFolderFiles): Promise<void> {
  for (const [path, content] of Object.entries(files)) await writeFileAtomic(join(dir, path), content);
}

/**
 * Generates (once) the tiny SN21 models for the test rows: `good` captions every row exactly
 * (its projector and decoder are built to emit the row's caption for an embedding near the row's),
 * `noise` emits random words, `neverEos` never emits eos (stopped by the token limit), `copy` has
 * the same bytes as `good`, `half` captions every other row right and the rest as `noise` (a
 * baseline between the two). Deterministic; files are written atomically.
 */
export async function ensureTinySn21Models(dir = defaultTinySn21Dir()): Promise<TinySn21Models> {
  const rows = makeTestRows(TINY_ROW_COUNT);
  const kinds: TinyModelKind[] = ['good', 'noise', 'neverEos', 'copy', 'half'];
  const dirs = Object.fromEntries(kinds.map((k) => [k, join(dir, k)])) as Record<TinyModelKind, string>;
  for (const kind of kinds) {
    if (existsSync(join(dirs[kind], 'onnx', 'decoder_model_merged.onnx'))) continue;
    await writeModelFolder(dirs[kind], tinyModelFiles(kind, rows));
  }
  return { rows, dirs };
}
