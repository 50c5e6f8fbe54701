import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Builds a cache folder through a private temp folder and renames it into place, so concurrent
 * builders (test workers, a second process) never see a half-written artefact. The loser of a
 * race throws its copy away and uses the winner's.
 */
export async function buildDirOnce(target: string, build: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(tmp, { recursive: true });
  try {
    await build(tmp);
    try {
      renameSync(tmp, target);
    } catch (err) {
      if (!existsSync(target)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
