import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import type { Axon, Dendrite } from '@taonode/transport';
import type { OptionSchema } from '../config/defineOptions.js';
import type { Role } from '../config/neuronConfig.js';
import type { OptionSpec } from '../config/options.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import type { AxonGuards } from './axonGuards.js';
import { defaultRuntime } from './defaultRuntime.js';
import { EXIT_USAGE } from './exitCodes.js';
import { type NeuronObserver, runNeuron } from './runNeuron.js';
import type { RuntimePorts } from './runtimePorts.js';

export interface RunSubnetOptions {
  /** Default `process.argv.slice(2)`. */
  argv?: readonly string[];
  /** Default `process.env`; the config loader is the only reader. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default `<plugin name>-<role>`; names the log lines and `config/<app>.json`. */
  app?: string;
  /** Default `config/<app>.json` of the checkout, when it exists. */
  appDefaultsFile?: string;
  /** Default @taonode/chain and @taonode/transport. */
  ports?: RuntimePorts<Axon, AxonGuards, Dendrite>;
  /** Code that follows the daemon's events (a dashboard). */
  observers?: readonly NeuronObserver[];
  write?: { out: (s: string) => void; err: (s: string) => void };
}

const ROLE_OPTION: OptionSpec = {
  key: 'role',
  kind: 'enum',
  choices: ['miner', 'validator'],
  required: true,
  description: 'Run the miner or the validator',
};

/** `config/<app>.json` of this checkout: the app's defaults (a missing file is fine). */
export function appDefaultsFile(app: string): string | undefined {
  const root = findRepoRoot();
  const file = root ? join(root, 'config', `${app}.json`) : undefined;
  return file && existsSync(file) ? file : undefined;
}

/** The role given as `--role x` / `--role=x`, else TAONODE_ROLE / BT_ROLE. */
function roleFrom(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--role') return argv[i + 1];
    if (argv[i]?.startsWith('--role=')) return argv[i]!.slice('--role='.length);
  }
  return env.TAONODE_ROLE || env.BT_ROLE || undefined;
}

/**
 * A subnet daemon from a plug-in, the whole of an app's entry point:
 *
 *   process.exit(await runSubnet(sn2, 'miner'));
 *
 * Flags, env and `config/<app>.json`, `--help` and `--version`, wallet, chain, axon or validator
 * loop, state, health, a graceful stop; resolves to the exit code (0 stopped, 2 bad flags, 78 the
 * operator must act, 1 unexpected). The exit belongs to the entry point: under pm2 a process that
 * only sets `process.exitCode` may never end. With role `'argv'` the role comes from `--role`
 * (one script for both roles, as the demo and the tests run the built-in test subnet).
 */
export function runSubnet<S extends OptionSchema>(
  plugin: SubnetPlugin<S, Dendrite, Axon, AxonGuards>,
  role: Role | 'argv',
  options: RunSubnetOptions = {},
): Promise<number> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const ports = options.ports ?? defaultRuntime();
  let resolved: Role;
  if (role === 'argv') {
    const given = roleFrom(argv, env);
    const help = argv.includes('--help') || argv.includes('-h') || argv.includes('--version');
    if (given !== 'miner' && given !== 'validator' && !help) {
      const err = options.write?.err ?? ((s: string) => process.stderr.write(s));
      err(
        `${plugin.name}-neuron: --role must be miner or validator (got ${given === undefined ? 'nothing' : `'${given}'`}); see --help\n`,
      );
      return Promise.resolve(EXIT_USAGE);
    }
    resolved = given === 'validator' ? 'validator' : 'miner';
  } else {
    resolved = role;
  }
  const app =
    options.app ??
    (role === 'argv' && !roleFrom(argv, env) ? `${plugin.name}-neuron` : `${plugin.name}-${resolved}`);
  return runNeuron({
    app,
    role: resolved,
    plugin,
    ports,
    argv,
    env,
    appDefaultsFile: options.appDefaultsFile ?? appDefaultsFile(app),
    extraOptions: role === 'argv' ? [ROLE_OPTION] : [],
    ...(options.observers ? { observers: options.observers } : {}),
    ...(options.write ? { write: options.write } : {}),
  });
}
