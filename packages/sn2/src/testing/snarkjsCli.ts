import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The snarkjs command-line entry (`build/cli.cjs`), the reference's way of verifying. */
export function snarkjsCliPath(): string {
  // snarkjs exports no package.json, so walk up from its entry to the package root.
  let dir = dirname(require.resolve('snarkjs'));
  while (
    !existsSync(join(dir, 'package.json')) ||
    !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "snarkjs"')
  ) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('snarkjs package root not found');
    dir = parent;
  }
  return join(dir, 'build', 'cli.cjs');
}
