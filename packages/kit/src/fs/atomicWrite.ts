import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TaonodeError } from '../errors/taonodeError.js';

/** Files written by `writeFileAtomic` are private to their owner; so are folders made by `ensureDir`. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** `writeFileAtomic(…, { overwrite: false })` found the target already there. */
export class FileExistsError extends TaonodeError {
  constructor(readonly file: string) {
    super(`${file} already exists`, {
      code: 'FILE_EXISTS',
      hint: 'remove it first or write with overwrite',
      details: { file },
    });
  }
}

/** Creates missing folders with mode 0700 (existing folders are left as they are). */
export async function ensureDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is filtered by the umask; set the created leaf explicitly.
  if (created !== undefined) await chmod(dir, DIR_MODE);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms/filesystems cannot fsync a directory; the rename itself is still atomic.
  }
}

/**
 * Writes `data` to `file` (mode 0600) so that a reader — or a process restarted after a crash —
 * sees either the old file or the whole new one: temp file in the same folder, fsync, rename (or a
 * hard link when not overwriting, which fails atomically with FileExistsError if the target
 * appeared meanwhile), fsync of the folder. Missing folders are created (0700).
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { overwrite: boolean } = { overwrite: true },
): Promise<void> {
  const dir = dirname(file);
  await ensureDir(dir);
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(tmp, file);
    } else {
      try {
        await link(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
        throw err;
      }
      await unlink(tmp);
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}
