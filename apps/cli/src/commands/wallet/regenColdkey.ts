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
  password: boolean;
  overwrite?: boolean;
}

export function registerRegenColdkey(wallet: Command): void {
  const cmd = wallet
    .command('regen-coldkey')
    .description('Restore a coldkey (and coldkeypub.txt) from its mnemonic or seed');
  addKeySourceOptions(addWalletOptions(cmd, { hotkey: false }))
    .option('--no-password', 'store the coldkey unencrypted (not recommended)')
    .option('--overwrite', 'replace an existing coldkey')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        const w = loadWalletFromOptions(opts);
        const source = await resolveKeySource(opts);
        await w.assertWritable('coldkey', { overwrite: opts.overwrite });
        const password = opts.password ? await newPassword('coldkey') : undefined;
        const keypair = await w.regenerateColdkey(source, { password, overwrite: opts.overwrite });
        if (opts.json) {
          printJson({
            wallet: w.name,
            coldkey: keypair.ss58Address,
            encrypted: password !== undefined,
            coldkeyFile: w.coldkeyFile,
          });
          return;
        }
        printLine(
          `coldkey ${keypair.ss58Address} written to ${w.coldkeyFile}${password ? ' (encrypted)' : ' (UNENCRYPTED)'}`,
        );
      }),
    );
}
