import type { Command } from 'commander';

/** weights set|normalize|commit|reveal, commitment set|get. */
export function registerWeightsCommands(_program: Command): void {}
