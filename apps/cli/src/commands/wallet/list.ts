import { listWallets, Wallet } from '@taonode/wallet';
import type { Command } from 'commander';
import { action, printJson, printLine, type WalletFlags, walletLocation } from '../../io/index.js';
import { describeWallet } from './describe.js';
import type { JsonFlag } from './shared.js';

export function registerList(wallet: Command): void {
  wallet
    .command('list')
    .description('List every wallet under --wallet.path with its coldkey and hotkey addresses')
    .option(
      '--wallet.path <path>',
      'folder holding wallets (default: $BT_WALLET_PATH or ~/.bittensor/wallets)',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: WalletFlags & JsonFlag) => {
        const { path } = walletLocation(opts);
        const names = await listWallets(path);
        const wallets = await Promise.all(names.map((name) => describeWallet(new Wallet({ path, name }))));
        if (opts.json) {
          printJson({ path, wallets: wallets.map((w, i) => ({ name: names[i], ...w })) });
          return;
        }
        if (names.length === 0) {
          printLine(`no wallets in ${path} (create one with: taonode wallet new-coldkey)`);
          return;
        }
        printLine(`Wallets in ${path}`);
        wallets.forEach((w, i) => {
          printLine(`${names[i]} (${w.coldkey ?? 'no coldkeypub.txt'})`);
          for (const [hotkey, address] of Object.entries(w.hotkeys))
            printLine(`  └─ ${hotkey} (${address ?? 'unreadable'})`);
        });
      }),
    );
}
