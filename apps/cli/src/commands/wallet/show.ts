import { WalletNotFoundError } from '@taonode/wallet';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadWalletFromOptions,
  printJson,
  printLine,
  type WalletFlags,
} from '../../io/index.js';
import { describeWallet } from './describe.js';
import type { JsonFlag } from './shared.js';

export function registerShow(wallet: Command): void {
  const cmd = wallet
    .command('show')
    .description("Print a wallet's coldkey address (from coldkeypub.txt) and its hotkeys' addresses");
  addWalletOptions(cmd, { hotkey: false })
    .option('--json', 'print { "coldkey": "5…", "hotkeys": { "<name>": "5…" } }')
    .action(
      action(async (opts: WalletFlags & JsonFlag) => {
        const w = loadWalletFromOptions(opts);
        if (!(await w.exists())) throw new WalletNotFoundError(w.dir);
        const { coldkey, hotkeys } = await describeWallet(w);
        if (opts.json) {
          printJson({ coldkey, hotkeys });
          return;
        }
        printLine(`wallet   ${w.name} (${w.dir})`);
        printLine(`coldkey  ${coldkey ?? '(no coldkeypub.txt: run taonode wallet regen-coldkeypub)'}`);
        const names = Object.keys(hotkeys);
        printLine(names.length === 0 ? 'hotkeys  (none)' : 'hotkeys');
        const width = Math.max(0, ...names.map((n) => n.length));
        for (const name of names)
          printLine(`  ${name.padEnd(width)}  ${hotkeys[name] ?? '(encrypted or unreadable)'}`);
      }),
    );
}
