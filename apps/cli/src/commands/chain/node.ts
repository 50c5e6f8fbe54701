import type { Command } from 'commander';
import { registerAxonCommands } from './axonServe.js';
import { registerBalanceCommands } from './balance.js';
import { registerLocalnetCommands } from './localnet.js';
import { registerMetagraphCommand } from './metagraph.js';
import { registerStakeCommands } from './stakeAdd.js';
import { registerSubnetCommands } from './subnetRegister.js';

/** localnet, subnet, metagraph, axon, balance, transfer, stake. */
export function registerNodeCommands(program: Command): void {
  registerLocalnetCommands(program);
  registerSubnetCommands(program);
  registerMetagraphCommand(program);
  registerAxonCommands(program);
  registerBalanceCommands(program);
  registerStakeCommands(program);
}
