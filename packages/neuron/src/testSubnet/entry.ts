import { fileURLToPath } from 'node:url';

/**
 * How to start the test-subnet daemon as a child process: from dist/ when this package was built,
 * from src/ through tsx when it runs from source (tests, `pnpm tsx`). Callers spawn
 * `process.execPath [...execArgv, script, ...flags]` with the repo root as cwd.
 */
export function testNeuronEntry(): { script: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url));
  return { script, execArgv: fromSource ? ['--conditions=@taonode/source', '--import', 'tsx'] : [] };
}
