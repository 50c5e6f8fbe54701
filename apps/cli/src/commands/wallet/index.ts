import type { Command } from 'commander';

export function registerWalletCommands(program: Command): void {
  program.command('wallet').description('Create, regenerate, list and use btcli-compatible wallets');
}
