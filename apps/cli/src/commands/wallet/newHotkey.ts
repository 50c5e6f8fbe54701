import type { MnemonicWordCount } from '@taonode/wallet';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadWalletFromOptions,
  newPassword,
  printJson,
  printLine,
  type WalletFlags,
} from '../../io/index.js';
import { type JsonFlag, MNEMONIC_WARNING, parseWordCount, printNewMnemonic } from './shared.js';

interface Options extends WalletFlags, JsonFlag {
  nWords: MnemonicWordCount;
  usePassword?: boolean;
  password?: boolean;
  overwrite?: boolean;
}

export function registerNewHotkey(wallet: Command): void {
  const cmd = wallet
    .command('new-hotkey')
    .description('Create a hotkey from a fresh mnemonic (unencrypted, like btcli, unless --use-password)');
  addWalletOptions(cmd)
    .option('--n-words <n>', 'mnemonic length: 12, 15, 18, 21 or 24', parseWordCount, 12)
    .option('--use-password', 'encrypt the hotkey file (daemons will then need the password)')
    .option('--no-password', 'store the hotkey unencrypted (the default)')
    .option('--overwrite', 'replace an existing hotkey (the old key is lost unless you have its mnemonic)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        const w = loadWalletFromOptions(opts);
        await w.assertWritable('hotkey', { overwrite: opts.overwrite });
        const password =
          opts.usePassword && opts.password !== false ? await newPassword('hotkey') : undefined;
        const { keypair, mnemonic } = await w.createHotkey({
          words: opts.nWords,
          password,
          overwrite: opts.overwrite,
        });
        if (opts.json) {
          printJson({
            wallet: w.name,
            hotkey: w.hotkeyName,
            ss58Address: keypair.ss58Address,
            encrypted: password !== undefined,
            hotkeyFile: w.hotkeyFile(),
            mnemonic,
            warning: MNEMONIC_WARNING,
          });
          return;
        }
        printNewMnemonic(`hotkey '${w.hotkeyName}'`, mnemonic);
        printLine(`hotkey '${w.hotkeyName}' ${keypair.ss58Address} written to ${w.hotkeyFile()}`);
      }),
    );
}
