import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Crash-safe replace: write a temp file beside the target, fsync it, rename over the target, fsync the
 * folder. A kill -9 at any point leaves either the old file or the new one, never a torn one.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  // The rename itself is only durable once the directory entry is flushed.
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await dir.close();
  }
}
