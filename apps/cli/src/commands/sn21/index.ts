import type { Command } from 'commander';
import { registerSn21Submit } from './submit.js';

/** `taonode sn21 …`: SN21 (OMEGA any-to-any) miner tooling. */
export function registerSn21Commands(program: Command): void {
  const sn21 = program.command('sn21').description('SN21 (OMEGA any-to-any): publish a caption model');
  registerSn21Submit(sn21);
}
