import { Command } from 'commander';
import { registerChainCommands } from './commands/chain/index.js';
import { registerDemoCommand } from './commands/demo/index.js';
import { registerModelsCommands } from './commands/models/index.js';
import { registerSn21Commands } from './commands/sn21/index.js';
import { registerSn30Commands } from './commands/sn30/index.js';
import { registerWalletCommands } from './commands/wallet/index.js';

export function buildProgram(): Command {
  const program = new Command('taonode')
    .description('Miners and validators for Bittensor subnets 2, 21, 24 and 30')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  registerWalletCommands(program);
  registerChainCommands(program);
  registerDemoCommand(program);
  registerModelsCommands(program);
  registerSn30Commands(program);
  registerSn21Commands(program);
  return program;
}
