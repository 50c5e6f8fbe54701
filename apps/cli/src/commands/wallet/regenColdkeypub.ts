import { InvalidAddressError } from '@taonode/wallet';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadWalletFromOptions,
  printJson,
  printLine,
  UsageError,
  type WalletFlags,
} from '../../io/index.js';
import type { JsonFlag } from './shared.js';

interface Options extends WalletFlags, JsonFlag {
  ss58?: string;
  publicKey?: string;
  overwrite?: boolean;
}

export function registerRegenColdkeypub(wallet: Command): void {
  const cmd = wallet
    .command('regen-coldkeypub')
    .description('Write coldkeypub.txt from an address or public key (a watch-only wallet)');
  addWalletOptions(cmd, { hotkey: false })
    .option('--ss58 <address>', 'the coldkey ss58 address')
    .option('--public-key <hex>', 'the coldkey public key as 0x-hex (32 bytes)')
    .option('--overwrite', 'replace an existing coldkeypub.txt')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        if ((opts.ss58 === undefined) === (opts.publicKey === undefined)) {
          throw new UsageError('pass exactly one of --ss58 or --public-key');
        }
        let source: { ss58Address: string } | { publicKey: Uint8Array };
        if (opts.ss58 !== undefined) source = { ss58Address: opts.ss58 };
        else {
          if (!/^0x[0-9a-fA-F]{64}$/.test(opts.publicKey!)) {
            throw new InvalidAddressError('--public-key must be 0x followed by 64 hex characters');
          }
          source = { publicKey: Uint8Array.from(Buffer.from(opts.publicKey!.slice(2), 'hex')) };
        }
        const w = loadWalletFromOptions(opts);
        const keypair = await w.regenerateColdkeypub(source, { overwrite: opts.overwrite });
        if (opts.json) {
          printJson({ wallet: w.name, coldkey: keypair.ss58Address, coldkeypubFile: w.coldkeypubFile });
          return;
        }
        printLine(`coldkeypub ${keypair.ss58Address} written to ${w.coldkeypubFile}`);
      }),
    );
}
