import type { Command } from 'commander';

export function registerChainCommands(_program: Command): void {}
