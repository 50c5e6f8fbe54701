import type { Command } from 'commander';
import { registerSn21HubServe } from './hubServe.js';
import { registerSn21Submit } from './submit.js';

/** `taonode sn21 …`: SN21 (OMEGA any-to-any) miner tooling and the local stand-in hub. */
export function registerSn21Commands(program: Command): void {
  const sn21 = program
    .command('sn21')
    .description('SN21 (OMEGA any-to-any): publish a caption model; a stand-in hub for local tries');
  registerSn21Submit(sn21);
  registerSn21HubServe(sn21);
}
