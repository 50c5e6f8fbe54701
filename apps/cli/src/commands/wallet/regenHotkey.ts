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
import { addKeySourceOptions, type KeySourceFlags, resolveKeySource } from './keySource.js';
import type { JsonFlag } from './shared.js';

interface Options extends WalletFlags, JsonFlag, KeySourceFlags {
  usePassword?: boolean;
  password?: boolean;
  overwrite?: boolean;
}

export function registerRegenHotkey(wallet: Command): void {
  const cmd = wallet
    .command('regen-hotkey')
    .description('Restore a hotkey (and <hotkey>pub.txt) from its mnemonic or seed');
  addKeySourceOptions(addWalletOptions(cmd))
    .option('--use-password', 'encrypt the hotkey file')
    .option('--no-password', 'store the hotkey unencrypted (the default)')
    .option('--overwrite', 'replace an existing hotkey')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        const w = loadWalletFromOptions(opts);
        const source = await resolveKeySource(opts);
        await w.assertWritable('hotkey', { overwrite: opts.overwrite });
        const password =
          opts.usePassword && opts.password !== false ? await newPassword('hotkey') : undefined;
        const keypair = await w.regenerateHotkey(source, { password, overwrite: opts.overwrite });
        if (opts.json) {
          printJson({
            wallet: w.name,
            hotkey: w.hotkeyName,
            ss58Address: keypair.ss58Address,
            encrypted: password !== undefined,
            hotkeyFile: w.hotkeyFile(),
          });
          return;
        }
        printLine(`hotkey '${w.hotkeyName}' ${keypair.ss58Address} written to ${w.hotkeyFile()}`);
      }),
    );
}
