import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sha256File } from '@taonode/inference';
import { isModelPath } from '../contract/modelFiles.js';

/**
 * The model's content hash: sha256 over its files' "path\0sha256\n" lines in path order. It covers
 * only the model files (not hotkey.txt or a README), so the same weights re-uploaded under
 * another hotkey hash the same — which is how copies are found (spec §8.2).
 */
export function modelContentHash(files: readonly { path: string; sha256: string }[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(`${f.path}\0${f.sha256}\n`);
  }
  return h.digest('hex');
}

/** The model files of a local folder with their sizes and sha256 (what the hub upload will hold). */
export async function hashModelFolder(
  dir: string,
): Promise<{ files: { path: string; bytes: number; sha256: string }[]; contentHash: string }> {
  const files: { path: string; bytes: number; sha256: string }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    const path = relative(dir, abs).split(sep).join('/');
    if (!isModelPath(path)) continue;
    const { size } = await stat(abs);
    files.push({ path, bytes: size, sha256: await sha256File(abs) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, contentHash: modelContentHash(files) };
}
