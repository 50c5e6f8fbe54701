import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultRuntime, EXIT_USAGE, type Role, runNeuron } from '@taonode/neuron';
import { sn24Plugin } from './sn24Plugin.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `config/sn24-<role>.json` of the checkout (src/daemon and dist/daemon sit at the same depth). */
export function sn24AppDefaults(role: Role): string | undefined {
  const file = fileURLToPath(new URL(`../../../../config/sn24-${role}.json`, import.meta.url));
  return existsSync(file) ? file : undefined;
}

/** The SN24 daemon for a fixed role (apps/sn24-miner, apps/sn24-validator). Returns the exit code. */
export function runSn24(role: Role, argv: readonly string[], env: Env): Promise<number> {
  return runNeuron({
    app: `sn24-${role}`,
    role,
    plugin: sn24Plugin,
    ports: defaultRuntime(),
    argv,
    env,
    appDefaultsFile: sn24AppDefaults(role),
  });
}

/** One entry for both roles (`--role miner|validator`), as `taonode demo` and the tests start it. */
export async function runSn24Neuron(argv: readonly string[], env: Env): Promise<number> {
  const rest: string[] = [];
  let role: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--role') role = argv[++i];
    else if (a.startsWith('--role=')) role = a.slice(7);
    else rest.push(a);
  }
  if (role !== 'miner' && role !== 'validator') {
    process.stderr.write(`sn24-neuron: --role must be miner or validator (got ${role ?? 'nothing'})\n`);
    return EXIT_USAGE;
  }
  return runSn24(role, rest, env);
}
