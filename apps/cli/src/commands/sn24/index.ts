import type { Command } from 'commander';
import { registerFocusBuy } from './focusBuy.js';
import { registerFocusList } from './focusList.js';
import { registerFocusServe } from './focusServe.js';
import { registerFocusStatus } from './focusStatus.js';

/** `taonode sn24 …`: SN24 tools outside the daemons (the Focus-video marketplace). */
export function registerSn24Commands(program: Command): void {
  const sn24 = program.command('sn24').description('SN24 (OMEGA dataset) tools');
  const focus = sn24
    .command('focus')
    .description('Focus videos: miners buy task-completion videos; validators count verified purchases');
  registerFocusList(focus);
  registerFocusBuy(focus);
  registerFocusStatus(focus);
  registerFocusServe(focus);
}
