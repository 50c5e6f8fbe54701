import { posix } from 'node:path';
import { readParquetRows } from '@taonode/store';
import { z } from 'zod';
import { EVAL_ROWS, IMAGEBIND_DIM, MAX_DATASET_FILES } from '../constants.js';
import { DatasetUnavailableError } from '../errors.js';
import type { DatasetSource } from './datasetSource.js';
import { evaluationSeed, SeededRandom } from './seededRandom.js';

/** One evaluation row: the SN24 clip's ImageBind video embedding and its ground-truth caption. */
export interface EvalRow {
  id: string;
  description: string;
  embedding: Float32Array;
}

export interface RowSelectionOptions {
  /** Hash of the block that seeds the round (same block → same rows on every honest validator). */
  blockHash: string;
  /** Timestamp of that block (chain time, ms). */
  blockTimeMs: number;
  competition: string;
  /** Files newer than this before the block are "fresh" (reference: 4 h). */
  maxAgeMs?: number;
  /**
   * Files younger than this before the block are left out: uploads land some time after their ULID
   * time, and a validator evaluating right at the block must see the same files as one evaluating
   * an hour later.
   */
  settleMs?: number;
  maxFiles?: number;
  rows?: number;
}

export interface RowSelection {
  seed: string;
  files: string[];
  rows: EvalRow[];
  /** Rows skipped because they did not parse (bad embedding, empty description). */
  skipped: number;
  /** True when no file was fresh enough and older ones were used (the reference's fallback). */
  fallback: boolean;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The millisecond time of a ULID file name (`<ULID>.parquet`), or undefined when it is not one. */
export function ulidTimeMs(path: string): number | undefined {
  const name = posix.basename(path).replace(/\.parquet$/, '');
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(name)) return undefined;
  let t = 0;
  for (const ch of name.slice(0, 10)) t = t * 32 + CROCKFORD.indexOf(ch);
  return t;
}

const rowSchema = z.object({
  video_id: z.string().optional(),
  description: z.string().trim().min(1).max(20_000),
  video_embed: z.array(z.number().refine(Number.isFinite)).length(IMAGEBIND_DIM),
});

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The evaluation rows of a round (spec §5.2 o1): SN24 parquet files whose ULID time lies within
 * `maxAgeMs` before the seed block (but at least `settleMs` before it), up to 8 of them drawn with
 * the seed, their rows shuffled with the seed, the first 64 kept. Every step is ordered and seeded,
 * so validators that see the same files pick the same rows. Without fresh files it falls back to
 * the older ones (as the reference); without any rows it throws DatasetUnavailableError (retry).
 */
export async function selectEvaluationRows(
  source: DatasetSource,
  options: RowSelectionOptions,
): Promise<RowSelection> {
  const maxAge = options.maxAgeMs ?? 4 * 3_600_000;
  const settle = options.settleMs ?? 10 * 60_000;
  const latest = options.blockTimeMs - settle;
  const seed = evaluationSeed(options.blockHash, options.competition);
  const random = new SeededRandom(seed);
  const timed = (await source.listFiles())
    .map((path) => ({ path, t: ulidTimeMs(path) }))
    .filter((f): f is { path: string; t: number } => f.t !== undefined && f.t <= latest);
  const fresh = timed.filter((f) => f.t > options.blockTimeMs - maxAge);
  const pool = (fresh.length > 0 ? fresh : timed).map((f) => f.path).sort(byPath);
  if (pool.length === 0) {
    throw new DatasetUnavailableError(
      `${source.description} has no parquet file older than ${settle / 60_000} min`,
    );
  }
  const files = random
    .shuffle(pool)
    .slice(0, options.maxFiles ?? MAX_DATASET_FILES)
    .sort(byPath);
  const all: EvalRow[] = [];
  let skipped = 0;
  for (const file of files) {
    let rows: Awaited<ReturnType<typeof readParquetRows>>;
    try {
      rows = await readParquetRows(await source.readFile(file), {
        columns: ['video_id', 'description', 'video_embed'],
      });
    } catch (err) {
      if (err instanceof DatasetUnavailableError) throw err;
      // A corrupt file is skipped like a bad row: the others still make a round.
      skipped++;
      continue;
    }
    rows.forEach((raw, i) => {
      const r = rowSchema.safeParse(raw);
      if (!r.success) {
        skipped++;
        return;
      }
      all.push({
        id: r.data.video_id ?? `${file}#${i}`,
        description: r.data.description,
        embedding: Float32Array.from(r.data.video_embed),
      });
    });
  }
  if (all.length === 0)
    throw new DatasetUnavailableError(`the ${files.length} files drawn hold no valid row`);
  return {
    seed,
    files,
    rows: random.shuffle(all).slice(0, options.rows ?? EVAL_ROWS),
    skipped,
    fallback: fresh.length === 0,
  };
}
