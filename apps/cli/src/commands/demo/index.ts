import type { Command } from 'commander';

/** `taonode demo`: local chain, subnets, registered neurons, daemons, weights read back. */
export function registerDemoCommand(_program: Command): void {}
