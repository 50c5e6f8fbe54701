import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';

const fileSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() });
const entrySchema = z.object({
  key: z.string(),
  folder: z.string().regex(/^m-[0-9a-f]{32}$/),
  bytes: z.number().int().nonnegative(),
  contentHash: z.string(),
  files: z.array(fileSchema),
  lastUsedMs: z.number(),
});
const indexSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });
type Entry = z.infer<typeof entrySchema>;

export interface CachedModel {
  key: string;
  dir: string;
  bytes: number;
  /** sha256 over the sorted (path, sha256) of the model files: equal content ⇔ equal hash. */
  contentHash: string;
  files: { path: string; bytes: number; sha256: string }[];
}

/** A cached model held for use; eviction skips it until `release()`. */
export interface ModelLease {
  model: CachedModel;
  release(): void;
}

const INDEX = 'index.json';

/**
 * Models on disk, bounded in bytes, least recently used evicted first. Each model lives in its
 * own folder, written under a temporary name and renamed when complete, so a crash never leaves a
 * half model that looks whole; folders the index does not know are deleted when the cache opens.
 */
export class ModelCache {
  private readonly refs = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly root: string,
    readonly maxBytes: number,
    private readonly entries: Map<string, Entry>,
    private readonly now: () => number,
  ) {}

  static async open(options: { dir: string; maxBytes: number; now?: () => number }): Promise<ModelCache> {
    await mkdir(options.dir, { recursive: true });
    const entries = new Map<string, Entry>();
    try {
      const parsed = indexSchema.safeParse(JSON.parse(await readFile(join(options.dir, INDEX), 'utf8')));
      if (parsed.success) {
        for (const e of parsed.data.entries) {
          if (existsSync(join(options.dir, e.folder))) entries.set(e.key, e);
        }
      }
    } catch {
      // No index yet (or unreadable): start empty; the folders below are removed.
    }
    const known = new Set([...entries.values()].map((e) => e.folder));
    for (const name of await readdir(options.dir)) {
      if (name !== INDEX && !known.has(name))
        await rm(join(options.dir, name), { recursive: true, force: true });
    }
    const cache = new ModelCache(options.dir, options.maxBytes, entries, options.now ?? Date.now);
    await cache.save();
    return cache;
  }

  get totalBytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.bytes;
    return n;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  private view(e: Entry): CachedModel {
    return {
      key: e.key,
      dir: join(this.root, e.folder),
      bytes: e.bytes,
      contentHash: e.contentHash,
      files: e.files,
    };
  }

  private lease(e: Entry): ModelLease {
    this.refs.set(e.key, (this.refs.get(e.key) ?? 0) + 1);
    let released = false;
    return {
      model: this.view(e),
      release: () => {
        if (released) return;
        released = true;
        const n = (this.refs.get(e.key) ?? 1) - 1;
        if (n <= 0) this.refs.delete(e.key);
        else this.refs.set(e.key, n);
      },
    };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The cached model for `key` (marked as just used), or undefined. */
  acquire(key: string): Promise<ModelLease | undefined> {
    return this.serial(async () => {
      const e = this.entries.get(key);
      if (e === undefined) return undefined;
      e.lastUsedMs = this.now();
      await this.save();
      return this.lease(e);
    });
  }

  /**
   * Fills a new folder with `fill` (downloads), then makes it the entry for `key` and evicts least
   * recently used models until the cache fits `maxBytes` again (models in use are kept).
   */
  add(
    key: string,
    fill: (dir: string) => Promise<{ files: CachedModel['files']; contentHash: string }>,
  ): Promise<ModelLease> {
    return this.serial(async () => {
      const existing = this.entries.get(key);
      if (existing) {
        existing.lastUsedMs = this.now();
        return this.lease(existing);
      }
      const folder = `m-${randomHex()}`;
      const tmp = join(this.root, `tmp-${folder}`);
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp, { recursive: true });
      let filled: Awaited<ReturnType<typeof fill>>;
      try {
        filled = await fill(tmp);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
      await rename(tmp, join(this.root, folder));
      const entry: Entry = {
        key,
        folder,
        bytes: filled.files.reduce((a, f) => a + f.bytes, 0),
        contentHash: filled.contentHash,
        files: filled.files,
        lastUsedMs: this.now(),
      };
      this.entries.set(key, entry);
      const lease = this.lease(entry);
      await this.evict();
      await this.save();
      return lease;
    });
  }

  /** Drops one model (e.g. its commitment changed and nothing else points at it). */
  remove(key: string): Promise<void> {
    return this.serial(async () => {
      const e = this.entries.get(key);
      if (e === undefined || this.refs.has(key)) return;
      this.entries.delete(key);
      await this.save();
      await rm(join(this.root, e.folder), { recursive: true, force: true });
    });
  }

  private async evict(): Promise<void> {
    const byAge = [...this.entries.values()].sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    for (const e of byAge) {
      if (this.totalBytes <= this.maxBytes) return;
      if (this.refs.has(e.key)) continue;
      this.entries.delete(e.key);
      await this.save();
      await rm(join(this.root, e.folder), { recursive: true, force: true });
    }
  }

  private async save(): Promise<void> {
    const index = { version: 1 as const, entries: [...this.entries.values()] };
    await writeFileAtomic(join(this.root, INDEX), JSON.stringify(index));
  }
}

function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
