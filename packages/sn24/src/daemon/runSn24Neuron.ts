import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultRuntime, EXIT_USAGE, loadConfig, type Role, runNeuron } from '@taonode/neuron';
import { modelSource } from './daemonModelOptions.js';
import { SN24_OPTIONS } from './sn24Options.js';
import { sn24Plugin } from './sn24Plugin.js';
import { Sn24SettingsError, sn24Settings } from './sn24Settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `config/sn24-<role>.json` of the checkout (src/daemon and dist/daemon sit at the same depth). */
export function sn24AppDefaults(role: Role): string | undefined {
  const file = fileURLToPath(new URL(`../../../../config/sn24-${role}.json`, import.meta.url));
  return existsSync(file) ? file : undefined;
}

/**
 * The SN24 flag combinations plain option types cannot check (a folder source without its folder,
 * no models configured, a repo without a commit), refused before the daemon connects anywhere.
 * Anything else (help, unknown flags) is left to the runtime's loader and its messages.
 */
function sn24FlagProblem(role: Role, argv: readonly string[], env: Env): string | undefined {
  try {
    const loaded = loadConfig({
      role,
      argv,
      env,
      appDefaultsFile: sn24AppDefaults(role),
      extraOptions: SN24_OPTIONS,
    });
    if (loaded.kind !== 'config') return undefined;
    const s = sn24Settings(loaded.config);
    if (!s.testModels && s.modelConfig === undefined) {
      modelSource('imagebind', s);
      if (role === 'validator') for (const m of ['gte', 'unstuffer'] as const) modelSource(m, s);
    }
    return undefined;
  } catch (err) {
    return err instanceof Sn24SettingsError ? err.message : undefined;
  }
}

/** The SN24 daemon for a fixed role (apps/sn24-miner, apps/sn24-validator). Returns the exit code. */
export async function runSn24(role: Role, argv: readonly string[], env: Env): Promise<number> {
  const problem = sn24FlagProblem(role, argv, env);
  if (problem) {
    process.stderr.write(`sn24-${role}: ${problem}\n`);
    return EXIT_USAGE;
  }
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
