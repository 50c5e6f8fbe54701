import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * An operator-given path as an absolute one: `~` and `~/…` are the home folder (as a shell would
 * expand them, which pm2, config files and env vars do not), anything else is resolved against
 * the working folder. The one rule for every `--*.path`/`--*_dir` option and config file.
 */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return resolve(home);
  if (path.startsWith('~/')) return resolve(join(home, path.slice(2)));
  return resolve(path);
}

/**
 * The checkout's root: walks up from `from` (a file or folder; default this module) to the
 * folder holding pnpm-workspace.yaml. Undefined outside a checkout (an installed copy).
 */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = existsSync(join(from, 'pnpm-workspace.yaml')) ? from : dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
