import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` (recursively), temp files of an atomic write (`.name.xxxx.tmp`) left out. */
export async function listStateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !isTempFile(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function isTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * What is wrong with a state file, or undefined when it is fine: gone, empty, or not readable as
 * what its name says (JSON parses; Parquet starts and ends with its magic). Other files must exist.
 */
export async function stateFileProblem(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) return 'lost';
  if (info.size === 0) return 'empty';
  if (file.endsWith('.json')) {
    try {
      JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return `unreadable JSON (${(error as Error).message})`;
    }
  }
  if (file.endsWith('.parquet')) {
    const magic = 'PAR1';
    if (info.size < 8) return 'unreadable Parquet (too short)';
    const h = await open(file, 'r');
    try {
      const head = Buffer.alloc(4);
      const tail = Buffer.alloc(4);
      await h.read(head, 0, 4, 0);
      await h.read(tail, 0, 4, info.size - 4);
      if (head.toString() !== magic || tail.toString() !== magic) return 'unreadable Parquet (no PAR1 magic)';
    } finally {
      await h.close();
    }
  }
  return undefined;
}

/**
 * The files that count as kept state: those seen in two consecutive snapshots (taken at the soak's
 * start and before each fault, at least a fault apart). A daemon's scratch files (a clip being cut,
 * a video being spot-checked) come and go between two looks and are left out; a file it keeps —
 * scores, pending commits, an index, a dataset part — is there in both.
 */
export function keptFiles(snapshots: readonly ReadonlySet<string>[]): Set<string> {
  const kept = new Set<string>();
  for (let i = 1; i < snapshots.length; i++) {
    for (const f of snapshots[i]!) if (snapshots[i - 1]!.has(f)) kept.add(f);
  }
  return kept;
}

/**
 * The state-file check of a chaos run: every kept file (see keptFiles) is still there and
 * readable, every file there now is readable, and no daemon moved a corrupt state file aside
 * (`*.corrupt-*`, what the runtime does when it cannot read its state).
 */
export async function checkStateDirs(
  dirs: readonly { daemon: string; dir: string }[],
  kept: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { daemon, dir } of dirs) {
    const now = await listStateFiles(dir);
    const files = new Set([...now, ...[...kept].filter((f) => f.startsWith(dir + sep))]);
    for (const file of files) {
      const name = relative(dir, file);
      if (name.includes('.corrupt-')) {
        problems.push(`${daemon}: ${name} was moved aside as corrupt`);
        continue;
      }
      const problem = await stateFileProblem(file);
      if (problem) problems.push(`${daemon}: ${name} ${problem}`);
    }
  }
  return problems;
}
