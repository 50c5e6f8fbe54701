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
  password: boolean;
  overwrite?: boolean;
}

export function registerNewColdkey(wallet: Command): void {
  const cmd = wallet
    .command('new-coldkey')
    .description(
      'Create a coldkey from a fresh mnemonic (encrypted unless --no-password) and coldkeypub.txt',
    );
  addWalletOptions(cmd, { hotkey: false })
    .option('--n-words <n>', 'mnemonic length: 12, 15, 18, 21 or 24', parseWordCount, 12)
    .option('--no-password', 'store the coldkey unencrypted (not recommended)')
    .option('--overwrite', 'replace an existing coldkey (the old key is lost unless you have its mnemonic)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        const w = loadWalletFromOptions(opts);
        await w.assertWritable('coldkey', { overwrite: opts.overwrite });
        const password = opts.password ? await newPassword('coldkey') : undefined;
        const { keypair, mnemonic } = await w.createColdkey({
          words: opts.nWords,
          password,
          overwrite: opts.overwrite,
        });
        if (opts.json) {
          printJson({
            wallet: w.name,
            coldkey: keypair.ss58Address,
            encrypted: password !== undefined,
            coldkeyFile: w.coldkeyFile,
            coldkeypubFile: w.coldkeypubFile,
            mnemonic,
            warning: MNEMONIC_WARNING,
          });
          return;
        }
        printNewMnemonic('coldkey', mnemonic);
        printLine(
          `coldkey ${keypair.ss58Address} written to ${w.coldkeyFile}${password ? ' (encrypted)' : ' (UNENCRYPTED)'}`,
        );
      }),
    );
}
