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
 * The state-file check of a chaos run: every file there before the first fault is still there and
 * readable, every file there now is readable, and no daemon moved a corrupt state file aside
 * (`*.corrupt-*`, what the runtime does when it cannot read its state).
 */
export async function checkStateDirs(
  dirs: readonly { daemon: string; dir: string }[],
  before: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { daemon, dir } of dirs) {
    const now = await listStateFiles(dir);
    const files = new Set([...now, ...[...before].filter((f) => f.startsWith(dir + sep))]);
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
