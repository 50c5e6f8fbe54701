import { join } from 'node:path';
import { defaultRuntime, EXIT_USAGE, type Role, runNeuron } from '@taonode/neuron';
import { findWorkspaceRoot } from '../zk/paths.js';
import { sn2Plugin } from './sn2Plugin.js';

/** `config/sn2-<role>.json` of the checkout: the app's defaults (a missing file is fine). */
export function sn2AppDefaults(role: Role): string | undefined {
  const root = findWorkspaceRoot();
  return root ? join(root, 'config', `sn2-${role}.json`) : undefined;
}

/** The SN2 daemon for a fixed role (apps/sn2-miner, apps/sn2-validator). Returns the exit code. */
export function runSn2(
  role: Role,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
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
