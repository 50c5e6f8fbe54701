import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRepoRoot } from '@taonode/kit';

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
