import type { Command } from 'commander';

/** localnet, subnet, metagraph, axon, balance, transfer, stake. */
export function registerNodeCommands(_program: Command): void {}
