import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LOCK_STALE_MS = 30 * 60_000;
const POLL_MS = 500;

function ownerAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** mkdir is atomic: the one process that creates the lock folder builds; the others wait. */
async function acquire(lock: string, target: string): Promise<boolean> {
  for (;;) {
    if (existsSync(target)) return false;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // Give a just-created lock a moment to get its pid file before judging it.
    await new Promise((r) => setTimeout(r, POLL_MS));
    try {
      const young = Date.now() - statSync(lock).mtimeMs < 10_000;
      if (!existsSync(join(lock, 'pid')) && young) continue;
      if (!ownerAlive(lock)) rmSync(lock, { recursive: true, force: true });
    } catch {
      // The lock went away meanwhile: try again.
    }
  }
}

/**
 * Builds a cache folder through a private temp folder and renames it into place, so concurrent
 * builders never see a half-written artefact. A lock folder makes other processes (daemons
 * starting together on a fresh clone, test workers) wait for the first builder instead of
 * compiling the same circuit in parallel; a lock left by a dead process is taken over.
 */
export async function buildDirOnce(target: string, build: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  const lock = `${target}.lock`;
  if (!(await acquire(lock, target))) return;
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    if (existsSync(target)) return;
    mkdirSync(tmp, { recursive: true });
    await build(tmp);
    try {
      renameSync(tmp, target);
    } catch (err) {
      if (!existsSync(target)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}
