// One full SN24-sized batch through the dataset sink: 1,024 rows of three 1,024-d embeddings,
// journaled (fsync per append of 8 rows, as a validator appends one miner's clips), then written
// as one parquet file. Knob: BENCH_ROWS (1024).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResult } from '@taonode/bench';
import type { ColumnSpec } from './columns.js';
import { DatasetSink } from './datasetSink.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1024);
const COLUMNS: ColumnSpec[] = [
  { name: 'video_id', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'views', type: 'int64' },
  { name: 'video_embed', type: 'doubleList' },
  { name: 'audio_embed', type: 'doubleList' },
  { name: 'description_embed', type: 'doubleList' },
  { name: 'query_relevance_score', type: 'double' },
];
const emb = (k: number) => Array.from({ length: 1024 }, (_, i) => Math.sin(k * 7919 + i) * 0.05);
const row = (k: number) => ({
  video_id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
  description: `clip ${k}: ${'a description of a video about a topic. '.repeat(8)}`,
  views: k * 37,
  video_embed: emb(k),
  audio_embed: emb(k + 1),
  description_embed: emb(k + 2),
  query_relevance_score: 0.25,
});

const load = loadavg()[0]!;
const dir = await mkdtemp(join(tmpdir(), 'taonode-sink-bench-'));
try {
  const sink = await DatasetSink.open({ dir, columns: COLUMNS, batchSizes: [ROWS + 1] });
  const rows = Array.from({ length: ROWS }, (_, k) => row(k));
  let t = performance.now();
  for (let i = 0; i < ROWS; i += 8) await sink.append(rows.slice(i, i + 8));
  const appendMs = performance.now() - t;
  t = performance.now();
  const c = process.cpuUsage();
  const [file] = await sink.flush();
  const cpu = process.cpuUsage(c);
  const flushMs = performance.now() - t;
  await sink.close();
  const parquetBytes = (await stat(join(dir, file!))).size;
  const leftovers = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
  writeBenchResult('store-dataset-sink', {
    what: 'dataset sink: journal appends of 8 rows (fsync each), then one parquet file of all rows',
    rows: ROWS,
    loadAverageAtStart: Math.round(load * 100) / 100,
    appendMsPer8Rows: Math.round((appendMs / (ROWS / 8)) * 100) / 100,
    flush: {
      wallMs: Math.round(flushMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      parquetMiB: Math.round((parquetBytes / 2 ** 20) * 10) / 10,
    },
    leftoverTempFiles: leftovers.length,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
