import { constants } from 'node:fs';
import { type FileHandle, open, readFile, truncate } from 'node:fs/promises';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';
import { CorruptFileError } from '../corruptFileError.js';

// The sink's write-ahead journal, one JSON object per line. Only the last line can be torn by a
// crash (no newline yet, or half-written); replay drops it. Anything else unreadable is reported.

const entrySchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('base'), committed: z.number().int(), next: z.number().int() }),
  z.object({ t: z.literal('row'), seq: z.number().int(), row: z.record(z.string(), z.unknown()) }),
  z.object({ t: z.literal('flush'), file: z.string(), from: z.number().int(), to: z.number().int() }),
  z.object({ t: z.literal('done'), file: z.string(), to: z.number().int() }),
]);
export type JournalEntry = z.infer<typeof entrySchema>;

export class JournalCorruptError extends CorruptFileError {
  constructor(file: string, line: number, reason: string) {
    super(
      'dataset journal',
      file,
      `unreadable at line ${line}`,
      reason,
      'keep a copy and fix or remove that line',
    );
  }
}

export async function readJournal(file: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const lines = text.split('\n');
  const complete = lines.slice(0, -1); // the part after the last '\n' was never finished
  const entries: JournalEntry[] = [];
  for (let i = 0; i < complete.length; i++) {
    const line = complete[i]!;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new JournalCorruptError(file, i + 1, 'not JSON');
    }
    const r = entrySchema.safeParse(parsed);
    if (!r.success) throw new JournalCorruptError(file, i + 1, r.error.issues[0]?.message ?? 'bad entry');
    entries.push(r.data);
  }
  if (lines[lines.length - 1] !== '')
    await truncate(file, Buffer.byteLength(text) - Buffer.byteLength(lines.at(-1)!));
  return entries;
}

/** Appends entries and fsyncs: once `append` resolves, the entries survive a crash. */
export class JournalWriter {
  private constructor(private handle: FileHandle) {}

  static async open(file: string): Promise<JournalWriter> {
    return new JournalWriter(
      await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600),
    );
  }

  async append(entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.handle.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await this.handle.datasync();
  }

  /** Replaces the journal atomically with `entries` (compaction) and keeps appending to it. */
  async rewrite(file: string, entries: readonly JournalEntry[]): Promise<void> {
    await this.handle.close();
    await writeFileAtomic(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    this.handle = await open(file, constants.O_WRONLY | constants.O_APPEND);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
