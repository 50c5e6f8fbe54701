import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { throwCommandLineErrors } from './io/commandLine.js';

/** The CLI's version, from its package.json (one folder above both src/ and dist/). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

type Register = (program: Command) => void;

/**
 * Each top-level command and the module that adds it. Loaded on demand: the chain client
 * (polkadot.js) and the daemon runtime take seconds to import, and `wallet …` or `--version` need
 * neither.
 */
const GROUPS: Readonly<Record<string, () => Promise<Register>>> = {
  wallet: async () => (await import('./commands/wallet/index.js')).registerWalletCommands,
  localnet: async () => (await import('./commands/chain/localnet.js')).registerLocalnetCommands,
  subnet: async () => (await import('./commands/chain/subnetRegister.js')).registerSubnetCommands,
  metagraph: async () => (await import('./commands/chain/metagraph.js')).registerMetagraphCommand,
  axon: async () => (await import('./commands/chain/axonServe.js')).registerAxonCommands,
  balance: balanceCommands,
  transfer: balanceCommands,
  stake: async () => (await import('./commands/chain/stakeAdd.js')).registerStakeCommands,
  weights: weightsCommands,
  commitment: weightsCommands,
  demo: async () => (await import('./commands/demo/index.js')).registerDemoCommand,
  models: async () => (await import('./commands/models/index.js')).registerModelsCommands,
  sn21: async () => (await import('./commands/sn21/index.js')).registerSn21Commands,
  sn24: async () => (await import('./commands/sn24/index.js')).registerSn24Commands,
  sn30: async () => (await import('./commands/sn30/index.js')).registerSn30Commands,
};

async function balanceCommands(): Promise<Register> {
  return (await import('./commands/chain/balance.js')).registerBalanceCommands;
}

async function weightsCommands(): Promise<Register> {
  return (await import('./commands/chain/weights.js')).registerWeightsCommands;
}

/**
 * The `taonode` program for this command line: only the named command's module when argv starts
 * with one, every command otherwise (top-level help, an unknown command), none for `--version`.
 */
export async function buildProgram(argv: readonly string[] = process.argv.slice(2)): Promise<Command> {
  const program = new Command('taonode')
    .description('Miners and validators for Bittensor subnets 2, 21, 24 and 30')
    .version(`taonode ${cliVersion()}`, '-V, --version', 'print the version')
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: true });
  const first = argv[0] ?? '';
  const loaders =
    first === '--version' || first === '-V'
      ? []
      : Object.hasOwn(GROUPS, first)
        ? [GROUPS[first]!]
        : [...new Set(Object.values(GROUPS))];
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program);
  throwCommandLineErrors(program);
  return program;
}
