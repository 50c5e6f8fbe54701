import { estimateFee, formatTao, getBalance, isValidAddress, transfer, transferCall } from '@taonode/chain';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  CliError,
  confirm,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  unlockColdkey,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, withChain } from './chainOptions.js';
import { taoOrUsage } from './localnet.js';

/** `taonode balance` and `taonode transfer`. */
export function registerBalanceCommands(program: Command): void {
  const balance = program
    .command('balance')
    .description("Show the coldkey's TAO balance (from coldkeypub.txt, no password needed)")
    .option('--ss58 <address>', 'any address instead of the wallet coldkey')
    .option('--json', 'print {"address","free","reserved","frozen"} in rao');
  addChainOptions(addWalletOptions(balance, { hotkey: false })).action(
    action(async (opts: ChainFlags & WalletFlags & { ss58?: string; json?: boolean }) => {
      const address = opts.ss58 ?? (await loadWalletFromOptions(opts).getColdkeypub()).ss58Address;
      if (!isValidAddress(address)) throw new UsageError(`--ss58: "${address}" is not an SS58 address`);
      const b = await withChain(opts, (client) => getBalance(client, { address }));
      if (opts.json) {
        printJson({
          address,
          free: b.free.toString(),
          reserved: b.reserved.toString(),
          frozen: b.frozen.toString(),
        });
      } else {
        printLine(`${address}  free ${formatTao(b.free)}  reserved ${formatTao(b.reserved)}`);
      }
    }),
  );

  const tx = program
    .command('transfer')
    .description('Send TAO from the wallet coldkey (transfer_keep_alive)')
    .requiredOption('--dest <ss58>', 'destination address')
    .requiredOption('--amount <tao>', 'amount in TAO, e.g. 1.5')
    .option('-y, --yes', 'do not ask before sending')
    .option('--json', 'print {"from","dest","amount","fee","blockHash"} (rao)');
  addChainOptions(addWalletOptions(tx, { hotkey: false })).action(
    action(
      async (
        opts: ChainFlags & WalletFlags & { dest: string; amount: string; yes?: boolean; json?: boolean },
      ) => {
        if (!isValidAddress(opts.dest)) throw new UsageError(`--dest: "${opts.dest}" is not an SS58 address`);
        const amount = taoOrUsage(opts.amount);
        const wallet = loadWalletFromOptions(opts);
        const from = (await wallet.getColdkeypub()).ss58Address;
        await withChain(opts, async (client) => {
          const [fee, balance] = await Promise.all([
            estimateFee(client, transferCall(client, { dest: opts.dest, amount }), from),
            getBalance(client, { address: from }),
          ]);
          if (balance.free < amount + fee) {
            throw new CliError(
              `${from} holds ${formatTao(balance.free)}; sending needs ${formatTao(amount + fee)}`,
              {
                code: 'InsufficientBalance',
                hint: 'send less or fund the coldkey',
              },
            );
          }
          printNote(
            `sending ${formatTao(amount)} to ${opts.dest} on ${client.network}, fee about ${formatTao(fee)}`,
          );
          await confirm(`Send ${formatTao(amount)}?`, { yes: opts.yes });
          const signer = await unlockColdkey(wallet);
          const r = await transfer(client, { signer, dest: opts.dest, amount });
          if (opts.json) {
            printJson({
              from,
              dest: opts.dest,
              amount: amount.toString(),
              fee: fee.toString(),
              blockHash: r.blockHash,
            });
          } else {
            printLine(`sent ${formatTao(amount)} to ${opts.dest} (block ${r.blockHash})`);
          }
        });
      },
    ),
  );
}
