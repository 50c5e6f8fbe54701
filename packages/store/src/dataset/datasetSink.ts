import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { type ColumnSpec, type DatasetRow, DatasetRowError, rowSchema } from './columns.js';
import { type JournalEntry, JournalWriter, readJournal } from './journal.js';
import { rowsToParquet } from './parquetRows.js';
import { batchPath, ulid } from './ulid.js';

/** Publishes a finished parquet file (e.g. to a Hugging Face dataset repo). Must be idempotent. */
export interface DatasetUploader {
  upload(file: { pathInRepo: string; localPath: string; bytes: Uint8Array }): Promise<void>;
}

export type FlushStep = 'intent' | 'written' | 'uploaded' | 'done';

export interface DatasetSinkOptions {
  /** Local folder: `journal.jsonl` plus the parquet files under `<pathPrefix>/<bucket>/`. */
  dir: string;
  columns: readonly ColumnSpec[];
  /** Rows per parquet file, one drawn at random per batch (reference: 512 or 1,024). */
  batchSizes?: readonly number[];
  pathPrefix?: string;
  uploader?: DatasetUploader;
  /** Called when a background flush fails; its rows stay journaled and are retried. */
  onError?: (err: unknown) => void;
  /** Test hook: runs after each durable step of a flush (crash injection). */
  onStep?: (step: FlushStep, pathInRepo: string) => void | Promise<void>;
  now?: () => number;
}

interface Intent {
  file: string;
  from: number;
  to: number;
}

/**
 * Accepted rows → parquet batches, crash-safe. Rows are journaled (fsync) before `append`
 * resolves. A batch is first recorded as an intent {file, seq range}, then written, uploaded and
 * marked done; after a crash every open intent is redone with the same file name and rows, so a
 * row is never lost and never lands in two files.
 */
export class DatasetSink {
  private readonly rows = new Map<number, DatasetRow>();
  private readonly intents: Intent[] = [];
  private committed = -1;
  private next = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private nextBatch: number;
  private readonly schema;

  private constructor(
    private readonly options: DatasetSinkOptions,
    private readonly journal: JournalWriter,
  ) {
    this.schema = rowSchema(options.columns);
    this.nextBatch = this.drawBatchSize();
  }

  static async open(options: DatasetSinkOptions): Promise<DatasetSink> {
    const file = join(options.dir, 'journal.jsonl');
    const entries = await readJournal(file);
    if (entries.length === 0) await writeFileAtomic(file, '');
    const sink = new DatasetSink(options, await JournalWriter.open(file));
    sink.replay(entries);
    await sink.finishIntents();
    return sink;
  }

  /** Rows journaled and waiting for a batch. */
  get pendingCount(): number {
    return this.next - 1 - this.committed;
  }

  /** Journals rows (all or none), then writes every full batch. Resolves once the rows are durable. */
  async append(rows: readonly DatasetRow[]): Promise<void> {
    const parsed = rows.map((row, i) => {
      const r = this.schema.safeParse(row);
      if (r.success) return r.data;
      const issues = r.error.issues.map((x) => `${x.path.join('.') || '(row)'}: ${x.message}`);
      throw new DatasetRowError(`dataset row ${i} does not fit the columns: ${issues.join('; ')}`, {
        row: i,
        issues,
      });
    });
    return this.serial(async () => {
      const entries: JournalEntry[] = parsed.map((row, i) => ({ t: 'row', seq: this.next + i, row }));
      await this.journal.append(entries);
      for (const [i, row] of parsed.entries()) this.rows.set(this.next + i, row);
      this.next += parsed.length;
      try {
        await this.finishIntents();
        while (this.unassigned() >= this.nextBatch) await this.flushBatch(this.nextBatch);
      } catch (err) {
        this.options.onError?.(err);
      }
    });
  }

  /** Writes the pending rows now, even fewer than a batch (at least `minRows`, default 1). */
  flush(options: { minRows?: number } = {}): Promise<string[]> {
    return this.serial(async () => {
      const files = await this.finishIntents();
      const n = this.unassigned();
      if (n >= (options.minRows ?? 1)) files.push(await this.flushBatch(n));
      return files;
    });
  }

  /** Stops; pending rows stay in the journal for the next start. */
  close(): Promise<void> {
    return this.serial(() => this.journal.close());
  }

  private replay(entries: readonly JournalEntry[]): void {
    for (const e of entries) {
      if (e.t === 'base') {
        this.committed = e.committed;
        this.next = e.next;
      } else if (e.t === 'row') {
        this.rows.set(e.seq, e.row as DatasetRow);
        this.next = Math.max(this.next, e.seq + 1);
      } else if (e.t === 'flush') {
        this.intents.push({ file: e.file, from: e.from, to: e.to });
      } else {
        this.markDone(e.file, e.to);
      }
    }
  }

  private unassigned(): number {
    const assigned = this.intents.at(-1)?.to ?? this.committed;
    return this.next - 1 - assigned;
  }

  private async flushBatch(size: number): Promise<string> {
    const from = (this.intents.at(-1)?.to ?? this.committed) + 1;
    const intent = {
      file: batchPath(this.options.pathPrefix ?? 'default/train', ulid(this.now())),
      from,
      to: from + size - 1,
    };
    await this.journal.append([{ t: 'flush', ...intent }]);
    this.intents.push(intent);
    this.nextBatch = this.drawBatchSize();
    await this.step('intent', intent.file);
    await this.complete(intent);
    return intent.file;
  }

  /** Redoes every open intent in order; returns their files. */
  private async finishIntents(): Promise<string[]> {
    const done: string[] = [];
    while (this.intents.length > 0) {
      const intent = this.intents[0]!;
      await this.complete(intent);
      done.push(intent.file);
    }
    return done;
  }

  private async complete(intent: Intent): Promise<void> {
    const localPath = join(this.options.dir, intent.file);
    const rows: DatasetRow[] = [];
    for (let s = intent.from; s <= intent.to; s++) rows.push(this.rows.get(s)!);
    // An upload retried after a crash re-sends the bytes already on disk, if any.
    const bytes = await readFile(localPath).then(
      (b) => new Uint8Array(b),
      () => undefined,
    );
    const data = bytes ?? rowsToParquet(this.options.columns, rows);
    if (bytes === undefined) await writeFileAtomic(localPath, data);
    await this.step('written', intent.file);
    await this.options.uploader?.upload({ pathInRepo: intent.file, localPath, bytes: data });
    await this.step('uploaded', intent.file);
    await this.journal.append([{ t: 'done', file: intent.file, to: intent.to }]);
    this.markDone(intent.file, intent.to);
    await this.step('done', intent.file);
    await this.compactJournal();
  }

  private markDone(file: string, to: number): void {
    const i = this.intents.findIndex((x) => x.file === file);
    if (i >= 0) this.intents.splice(i, 1);
    for (let s = this.committed + 1; s <= to; s++) this.rows.delete(s);
    this.committed = Math.max(this.committed, to);
  }

  private async compactJournal(): Promise<void> {
    const entries: JournalEntry[] = [{ t: 'base', committed: this.committed, next: this.next }];
    for (let s = this.committed + 1; s < this.next; s++)
      entries.push({ t: 'row', seq: s, row: this.rows.get(s)! });
    for (const i of this.intents) entries.push({ t: 'flush', ...i });
    await this.journal.rewrite(join(this.options.dir, 'journal.jsonl'), entries);
  }

  private drawBatchSize(): number {
    const sizes = this.options.batchSizes ?? [512, 1024];
    return sizes[randomInt(sizes.length)]!;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async step(step: FlushStep, file: string): Promise<void> {
    await this.options.onStep?.(step, file);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
