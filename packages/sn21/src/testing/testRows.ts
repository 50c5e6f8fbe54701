import { seededWeights } from '@taonode/inference/testing';
import { batchPath, type ColumnSpec, type DatasetRow, rowsToParquet, ulid } from '@taonode/store';
import { IMAGEBIND_DIM } from '../constants.js';
import { tinyCaption } from './tinyVocabulary.js';

/** The SN24 dataset columns SN21 reads, plus the row id; real SN24 files carry more (ignored). */
export const TEST_ROW_COLUMNS: readonly ColumnSpec[] = [
  { name: 'video_id', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'video_embed', type: 'doubleList' },
  { name: 'submitted_at', type: 'int64' },
];

export interface TestRow {
  videoId: string;
  description: string;
  embedding: Float32Array;
}

function unit(seed: number): Float32Array {
  const v = seededWeights(IMAGEBIND_DIM, seed, 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** `count` rows with distinct captions and random unit video embeddings, deterministic per seed. */
export function makeTestRows(count: number, seed = 1): TestRow[] {
  return Array.from({ length: count }, (_, i) => ({
    videoId: `video-${seed}-${i}`,
    description: tinyCaption(seed * 10_007 + i),
    embedding: unit(seed * 7919 + i),
  }));
}

export function testRowsAsDataset(rows: readonly TestRow[], submittedAtS: number): DatasetRow[] {
  return rows.map((r) => ({
    video_id: r.videoId,
    description: r.description,
    video_embed: Array.from(r.embedding),
    submitted_at: submittedAtS,
  }));
}

/**
 * Parquet files in the SN24 sink's layout (`default/train/<bucket>/<ULID>.parquet`), one per chunk
 * of `rowsPerFile`, with ULIDs at `timeMs` (+1 ms per file): what the SN21 evaluation reads.
 */
export function testDatasetFiles(
  rows: readonly TestRow[],
  options: { timeMs: number; rowsPerFile: number },
): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i * options.rowsPerFile < rows.length; i++) {
    const chunk = rows.slice(i * options.rowsPerFile, (i + 1) * options.rowsPerFile);
    const id = ulid(options.timeMs + i, new Uint8Array(10).fill(i));
    out.push({
      path: batchPath('default/train', id),
      bytes: rowsToParquet(TEST_ROW_COLUMNS, testRowsAsDataset(chunk, Math.floor(options.timeMs / 1000))),
    });
  }
  return out;
}
