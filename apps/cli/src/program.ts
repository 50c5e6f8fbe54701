import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerChainCommands } from './commands/chain/index.js';
import { registerDemoCommand } from './commands/demo/index.js';
import { registerWalletCommands } from './commands/wallet/index.js';
import { throwCommandLineErrors } from './io/commandLine.js';

/** The CLI's version, from its package.json (one folder above both src/ and dist/). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('taonode')
    .description('Miners and validators for Bittensor subnets 2, 21, 24 and 30')
    .version(`taonode ${cliVersion()}`, '-V, --version', 'print the version')
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: true });
  registerWalletCommands(program);
  registerChainCommands(program);
  registerDemoCommand(program);
  throwCommandLineErrors(program);
  return program;
}
