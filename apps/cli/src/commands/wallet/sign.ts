import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  unlockColdkey,
  type WalletFlags,
} from '../../io/index.js';
import type { JsonFlag } from './shared.js';

interface Options extends WalletFlags, JsonFlag {
  message: string;
  useHotkey?: boolean;
  useColdkey?: boolean;
}

const toHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;

export function registerSign(wallet: Command): void {
  const cmd = wallet
    .command('sign')
    .description('Sign a message (its raw UTF-8 bytes, sr25519) and print the 0x-hex signature');
  addWalletOptions(cmd)
    .requiredOption('--message <text>', 'the message to sign')
    .option('--use-hotkey', 'sign with the hotkey (the default)')
    .option('--use-coldkey', 'sign with the coldkey (asks for its password)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        if (opts.useHotkey && opts.useColdkey)
          throw new UsageError('pass only one of --use-hotkey, --use-coldkey');
        const w = loadWalletFromOptions(opts);
        const signer = opts.useColdkey ? await unlockColdkey(w) : await loadHotkey(w);
        const signature = toHex(signer.sign(opts.message));
        const by = opts.useColdkey ? 'coldkey' : `hotkey '${w.hotkeyName}'`;
        if (opts.json) {
          printJson({
            signature,
            ss58Address: signer.ss58Address,
            key: opts.useColdkey ? 'coldkey' : 'hotkey',
          });
          return;
        }
        printNote(`signed by ${by} ${signer.ss58Address}`);
        printLine(signature);
      }),
    );
}
