import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { writeFileAtomic } from '@taonode/kit';
import type { QueryOptions, VectorIndex, VectorMatch, VectorRecord } from './types.js';
import { validateTopK, validateVector } from './validateVector.js';
import { encodeDelete, encodeUpsert, logHeader, replayLog } from './vectorLog.js';
import { VectorMatrix } from './vectorMatrix.js';

export interface ExactIndexOptions {
  dimension: number;
  /** Append-only log that makes the index durable; omit for a memory-only index. */
  file?: string;
  /** fdatasync after every upsert/delete batch (default true): a returned call survives a crash. */
  sync?: boolean;
  /** Rewrite the log when dead records exceed max(this, live records). Default 4096. */
  compactAfter?: number;
}

/**
 * The embedded default: exact cosine search by scanning every vector (stack-feasibility §5:
 * ~100 ms per query at 100k×1024 in plain JS, recall 1.0, no index build), persisted as an
 * append-only log that is replayed on open.
 */
export async function openExactIndex(options: ExactIndexOptions): Promise<ExactIndex> {
  const matrix = new VectorMatrix(options.dimension);
  let records = 0;
  if (options.file !== undefined) {
    const r = await replayLog(options.file, options.dimension, (e) => {
      if (e.op === 'upsert') matrix.set(e.id, e.values, e.metadata);
      else matrix.remove(e.id);
    });
    records = r.records;
    if (r.bytes === 0) await writeFileAtomic(options.file, logHeader(options.dimension));
  }
  const index = new ExactIndex(matrix, options, records);
  await index.openLog();
  return index;
}

export class ExactIndex implements VectorIndex {
  private log: FileHandle | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly matrix: VectorMatrix,
    private readonly options: ExactIndexOptions,
    private records: number,
  ) {}

  get dimension(): number {
    return this.matrix.dimension;
  }

  /** @internal */
  async openLog(): Promise<void> {
    if (this.options.file === undefined) return;
    this.log = await open(this.options.file, constants.O_WRONLY | constants.O_APPEND);
    if (this.records - this.matrix.size > Math.max(this.options.compactAfter ?? 4096, this.matrix.size)) {
      await this.compact();
    }
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    for (const r of records) validateVector(r.values, this.dimension, r.id);
    return this.serial(async () => {
      if (this.log !== undefined) {
        await this.append(Buffer.concat(records.map((r) => encodeUpsert(r.id, r.values, r.metadata))));
        this.records += records.length;
      }
      for (const r of records) this.matrix.set(r.id, r.values, r.metadata);
      await this.maybeCompact();
    });
  }

  async query(vector: ArrayLike<number>, options: QueryOptions = {}): Promise<VectorMatch[]> {
    validateVector(vector, this.dimension);
    const topK = options.topK ?? 1;
    validateTopK(topK);
    return this.matrix.query(vector, topK);
  }

  async queryMany(
    vectors: readonly ArrayLike<number>[],
    options: QueryOptions = {},
  ): Promise<VectorMatch[][]> {
    for (const v of vectors) validateVector(v, this.dimension);
    const topK = options.topK ?? 1;
    validateTopK(topK);
    return this.matrix.queryMany(vectors, topK);
  }

  delete(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      const present = ids.filter((id) => this.matrix.has(id));
      if (present.length === 0) return;
      if (this.log !== undefined) {
        await this.append(Buffer.concat(present.map(encodeDelete)));
        this.records += present.length;
      }
      for (const id of present) this.matrix.remove(id);
      await this.maybeCompact();
    });
  }

  async count(): Promise<number> {
    return this.matrix.size;
  }

  /** Rewrites the log with only live records (atomic: a crash leaves the old or the new log). */
  compact(): Promise<void> {
    return this.serial(() => this.compactNow());
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.log?.close();
      this.log = undefined;
    });
  }

  private async append(bytes: Buffer): Promise<void> {
    if (this.log === undefined) throw new Error('vector index is closed');
    await this.log.write(bytes);
    if (this.options.sync ?? true) await this.log.datasync();
  }

  private async maybeCompact(): Promise<void> {
    if (this.options.file === undefined) return;
    const dead = this.records - this.matrix.size;
    if (dead > Math.max(this.options.compactAfter ?? 4096, this.matrix.size)) await this.compactNow();
  }

  private async compactNow(): Promise<void> {
    const file = this.options.file;
    if (file === undefined) return;
    const parts = [logHeader(this.dimension)];
    for (const e of this.matrix.entries()) parts.push(encodeUpsert(e.id, e.values, e.metadata));
    await this.log?.close();
    await writeFileAtomic(file, Buffer.concat(parts));
    this.records = this.matrix.size;
    this.log = await open(file, constants.O_WRONLY | constants.O_APPEND);
  }

  // Writes are serialised so log order equals memory order.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
