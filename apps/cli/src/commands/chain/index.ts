import type { Command } from 'commander';
import { registerNodeCommands } from './node.js';
import { registerWeightsCommands } from './weights.js';

export function registerChainCommands(program: Command): void {
  registerNodeCommands(program);
  registerWeightsCommands(program);
}
