import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DashboardError } from '../dashboardError.js';

export interface SegmentStoreOptions {
  dir: string;
  retentionMs: number;
  maxBytes: number;
  /** A segment is closed and a new one started past this size (default maxBytes / 8, 64 KiB..16 MiB). */
  segmentBytes?: number;
  now?: () => number;
}

interface Segment {
  name: string;
  bytes: number;
  /** Newest write (the file's mtime), which is what retention compares. */
  lastAt: number;
  startAt: number;
}

export interface ReplayReport {
  files: number;
  lines: number;
  /** Lines that were torn (a crash mid-write) or did not parse; they are skipped, never fatal. */
  skipped: number;
}

const NAME = /^history-(\d{15})-(\d+)\.jsonl$/;

/**
 * The dashboard's history on disk: append-only JSON-lines segments in one folder, each named for when
 * it began. Crash-safe by construction: nothing is ever rewritten in place, a process always starts a
 * new segment, and a torn last line is skipped on replay. Bounded by age (whole segments older than
 * the retention are deleted) and by bytes (the oldest segments go first).
 */
export class SegmentStore {
  private segments: Segment[] = [];
  private current: { segment: Segment; handle: FileHandle } | undefined;
  private readonly segmentBytes: number;
  private readonly now: () => number;

  private constructor(private readonly options: SegmentStoreOptions) {
    this.now = options.now ?? Date.now;
    this.segmentBytes =
      options.segmentBytes ??
      Math.min(16 * 2 ** 20, Math.max(64 * 2 ** 10, Math.floor(options.maxBytes / 8)));
  }

  static async open(options: SegmentStoreOptions): Promise<SegmentStore> {
    const store = new SegmentStore(options);
    try {
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      for (const name of (await readdir(options.dir)).sort()) {
        const m = NAME.exec(name);
        if (!m) continue;
        const s = await stat(join(options.dir, name));
        store.segments.push({ name, bytes: s.size, lastAt: s.mtimeMs, startAt: Number(m[1]) });
      }
    } catch (error) {
      throw new DashboardError('dashboard history folder is not usable', {
        dir: options.dir,
        code: (error as NodeJS.ErrnoException).code,
      });
    }
    await store.prune();
    return store;
  }

  get stats(): { bytes: number; segments: number; oldestAt: number | null } {
    return {
      bytes: this.segments.reduce((sum, s) => sum + s.bytes, 0),
      segments: this.segments.length,
      oldestAt: this.segments[0]?.startAt ?? null,
    };
  }

  /** Feeds every complete line of every segment, oldest first, to `apply` (false = did not parse). */
  async replay(apply: (line: string) => boolean): Promise<ReplayReport> {
    const report: ReplayReport = { files: 0, lines: 0, skipped: 0 };
    for (const segment of [...this.segments]) {
      if (segment === this.current?.segment) continue;
      let text: string;
      try {
        text = await readFile(join(this.options.dir, segment.name), 'utf8');
      } catch {
        report.skipped++;
        continue;
      }
      report.files++;
      const lines = text.split('\n');
      // Whatever follows the last newline is a line torn by a crash (or nothing).
      if (lines[lines.length - 1] !== '') report.skipped++;
      lines.pop();
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') continue;
        if (apply(line)) report.lines++;
        else report.skipped++;
        // Let the daemon breathe: a week of history is tens of thousands of lines.
        if (i % 256 === 255) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return report;
  }

  /** Appends complete lines (`text` ends with a newline); starts or rotates the segment as needed. */
  async append(text: string): Promise<void> {
    if (text === '') return;
    if (this.current && this.shouldRotate(this.current.segment)) await this.rotate();
    if (!this.current) {
      const t = this.now();
      const name = `history-${String(Math.floor(t)).padStart(15, '0')}-${process.pid}.jsonl`;
      const handle = await open(join(this.options.dir, name), 'a', 0o600);
      const segment: Segment = { name, bytes: 0, lastAt: t, startAt: t };
      this.current = { segment, handle };
      this.segments.push(segment);
    }
    const { segment, handle } = this.current;
    await handle.write(text);
    segment.bytes += Buffer.byteLength(text);
    segment.lastAt = this.now();
  }

  private shouldRotate(segment: Segment): boolean {
    return (
      segment.bytes >= this.segmentBytes ||
      this.now() - segment.startAt >= Math.max(60_000, this.options.retentionMs / 7)
    );
  }

  private async rotate(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) {
      await current.handle.sync().catch(() => {});
      await current.handle.close();
    }
    await this.prune();
  }

  /** Deletes segments past the retention, then the oldest ones while over the byte cap. */
  async prune(): Promise<void> {
    const cutoff = this.now() - this.options.retentionMs;
    const keep: Segment[] = [];
    let bytes = this.segments.reduce((sum, s) => sum + s.bytes, 0);
    for (const [i, s] of this.segments.entries()) {
      const isCurrent = s === this.current?.segment;
      const expired = s.lastAt < cutoff;
      const overCap = bytes > this.options.maxBytes && i < this.segments.length - 1;
      if (!isCurrent && (expired || overCap)) {
        await unlink(join(this.options.dir, s.name)).catch(() => {});
        bytes -= s.bytes;
      } else {
        keep.push(s);
      }
    }
    this.segments = keep;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.handle.sync().catch(() => {});
    await current.handle.close();
  }
}
