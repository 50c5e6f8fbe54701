import { fileURLToPath } from 'node:url';

/**
 * How to start the SN24 daemon (`--role miner|validator`) as a child process: from dist/ when
 * built, from src/ through tsx otherwise. Callers run `process.execPath [...execArgv, script, ...]`.
 */
export function sn24NeuronEntry(): { script: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url));
  return { script, execArgv: fromSource ? ['--conditions=@taonode/source', '--import', 'tsx'] : [] };
}
