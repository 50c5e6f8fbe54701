import { ss58Decode, ss58Encode, verifySignature } from '@taonode/wallet';
import type { Command } from 'commander';
import { action, CliError, EXIT, printJson, printLine, UsageError } from '../../io/index.js';
import type { JsonFlag } from './shared.js';

interface Options extends JsonFlag {
  message: string;
  signature: string;
  address?: string;
  publicKey?: string;
}

export function registerVerify(wallet: Command): void {
  wallet
    .command('verify')
    .description('Check an sr25519 signature over a message; exit 0 when valid, 1 when not')
    .requiredOption('--message <text>', 'the signed message')
    .requiredOption('--signature <hex>', 'the signature as 0x-hex (64 bytes)')
    .option('--address <ss58>', "the signer's ss58 address")
    .option('--public-key <hex>', "the signer's public key as 0x-hex")
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: Options) => {
        if ((opts.address === undefined) === (opts.publicKey === undefined)) {
          throw new UsageError('pass exactly one of --address or --public-key');
        }
        if (!/^(0x)?[0-9a-fA-F]{128}$/.test(opts.signature)) {
          throw new UsageError('--signature must be 64 bytes of hex (0x followed by 128 hex characters)');
        }
        let publicKey: Uint8Array;
        if (opts.address !== undefined) publicKey = ss58Decode(opts.address);
        else if (/^0x[0-9a-fA-F]{64}$/.test(opts.publicKey!))
          publicKey = Buffer.from(opts.publicKey!.slice(2), 'hex');
        else throw new UsageError('--public-key must be 0x followed by 64 hex characters');
        const signature = opts.signature.startsWith('0x') ? opts.signature : `0x${opts.signature}`;
        const valid = verifySignature(opts.message, signature, publicKey);
        const ss58Address = ss58Encode(publicKey);
        if (opts.json) {
          printJson({ valid, ss58Address });
          process.exitCode = valid ? EXIT.OK : EXIT.FAILURE;
          return;
        }
        if (!valid)
          throw new CliError(`signature is NOT valid for ${ss58Address}`, { code: 'INVALID_SIGNATURE' });
        printLine(`signature is valid for ${ss58Address}`);
      }),
    );
}
