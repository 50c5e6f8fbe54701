import type { Role } from '../config/neuronConfig.js';
import type { OptionSpec } from '../config/options.js';
import { defaultRuntime } from '../runner/defaultRuntime.js';
import { EXIT_USAGE } from '../runner/exitCodes.js';
import { runNeuron } from '../runner/runNeuron.js';
import { testSubnet } from './testSubnet.js';

const ROLE_OPTION: OptionSpec = {
  key: 'role',
  kind: 'enum',
  choices: ['miner', 'validator'],
  required: true,
  description: 'Run the test subnet miner or validator',
};

/** The role picks the code path before the full config loads; the loader validates it again. */
function findRole(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--role') return argv[i + 1];
    if (argv[i]?.startsWith('--role=')) return argv[i]!.slice('--role='.length);
  }
  return env.TAONODE_ROLE || env.BT_ROLE || undefined;
}

/** `taonode-test-neuron --role miner|validator [bittensor flags]`: the test subnet as a daemon. */
export async function runTestNeuron(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
) {
  const role = findRole(argv, env);
  const help = argv.includes('--help') || argv.includes('-h');
  if (!help && role !== 'miner' && role !== 'validator') {
    process.stderr.write(
      `test-neuron: --role must be miner or validator (got ${role === undefined ? 'nothing' : `'${role}'`}); see --help\n`,
    );
    return EXIT_USAGE;
  }
  return runNeuron({
    app: role ? `test-${role}` : 'test-neuron (--role miner|validator)',
    role: (role ?? 'miner') as Role,
    plugin: testSubnet,
    ports: defaultRuntime(),
    argv,
    env,
    extraOptions: [ROLE_OPTION],
  });
}
