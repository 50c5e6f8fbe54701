import { join } from 'node:path';
import { defaultRuntime, EXIT_USAGE, loadConfig, type Role, runNeuron } from '@taonode/neuron';
import { findWorkspaceRoot } from '../zk/paths.js';
import { CircuitListError, parseCircuitList, ptauFromConfig } from './loadCircuits.js';
import { SN2_OPTIONS } from './sn2Options.js';
import { sn2Plugin } from './sn2Plugin.js';

/** `config/sn2-<role>.json` of the checkout: the app's defaults (a missing file is fine). */
export function sn2AppDefaults(role: Role): string | undefined {
  const root = findWorkspaceRoot();
  return root ? join(root, 'config', `sn2-${role}.json`) : undefined;
}

/**
 * Checks the SN2 flags that plain option types cannot (the circuit list, ptau with its sha256)
 * before the daemon connects anywhere, so a typo fails in a second, not after chain start-up.
 * Anything else (help, other bad flags) is left to the runtime's own loader and messages.
 */
function sn2FlagProblem(
  role: Role,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
) {
  try {
    const loaded = loadConfig({
      role,
      argv,
      env,
      appDefaultsFile: sn2AppDefaults(role),
      extraOptions: SN2_OPTIONS,
    });
    if (loaded.kind !== 'config') return undefined;
    parseCircuitList(loaded.config.values['neuron.circuits'] as string);
    ptauFromConfig(loaded.config.values);
    return undefined;
  } catch (err) {
    return err instanceof CircuitListError ? err.message : undefined;
  }
}

/** The SN2 daemon for a fixed role (apps/sn2-miner, apps/sn2-validator). Returns the exit code. */
export async function runSn2(
  role: Role,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const problem = sn2FlagProblem(role, argv, env);
  if (problem) {
    process.stderr.write(`sn2-${role}: ${problem}\n`);
    return EXIT_USAGE;
  }
  return runNeuron({
    app: `sn2-${role}`,
    role,
    plugin: sn2Plugin,
    ports: defaultRuntime(),
    argv,
    env,
    appDefaultsFile: sn2AppDefaults(role),
  });
}

function findRole(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--role') return argv[i + 1];
    if (argv[i]?.startsWith('--role=')) return argv[i]!.slice('--role='.length);
  }
  return undefined;
}

/** One entry for both roles (`--role miner|validator`), as `taonode demo` and tests start it. */
export async function runSn2Neuron(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const role = findRole(argv);
  if (role !== 'miner' && role !== 'validator') {
    process.stderr.write(`sn2-neuron: --role must be miner or validator (got ${role ?? 'nothing'})\n`);
    return EXIT_USAGE;
  }
  const rest = argv.filter((a, i) => a !== '--role' && argv[i - 1] !== '--role' && !a.startsWith('--role='));
  return runSn2(role, rest, env);
}
