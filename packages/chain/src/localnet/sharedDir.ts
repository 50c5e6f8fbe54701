import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the folder holding pnpm-workspace.yaml (the repo root). */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The team's shared data folder: `$TAONODE_SHARED_DIR`, else `<repo root>/../shared`. Undefined when
 * neither exists (e.g. an installed copy outside the repo).
 */
export function findSharedDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.TAONODE_SHARED_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const root = findRepoRoot();
  if (root === undefined) return undefined;
  const shared = resolve(root, '..', 'shared');
  return existsSync(shared) ? shared : undefined;
}
