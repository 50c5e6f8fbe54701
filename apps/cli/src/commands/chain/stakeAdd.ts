import {
  addStake,
  addStakeCall,
  estimateFee,
  formatAlpha,
  formatTao,
  getBalance,
  getStake,
  isValidAddress,
} from '@taonode/chain';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  CliError,
  confirm,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  unlockColdkey,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, parseNetuid, withChain } from './chainOptions.js';
import { taoOrUsage } from './localnet.js';

interface Flags extends ChainFlags, WalletFlags {
  netuid: number;
  amount: string;
  hotkeySs58?: string;
  yes?: boolean;
  json?: boolean;
}

/** `taonode stake add`: stake TAO from the coldkey onto a hotkey in a subnet (add_stake). */
export function registerStakeCommands(program: Command): void {
  const stake = program.command('stake').description('Staking');
  const cmd = stake
    .command('add')
    .description('Stake TAO from the wallet coldkey to a hotkey on a subnet (swapped to the subnet alpha)')
    .requiredOption('--netuid <n>', 'subnet id', parseNetuid)
    .requiredOption('--amount <tao>', 'TAO to stake (minimum 0.002)')
    .option('--hotkey-ss58 <address>', "hotkey to stake to (default: the wallet's hotkey)")
    .option('-y, --yes', 'do not ask before staking')
    .option(
      '--json',
      'print {"netuid","hotkey","amount","fee","stake"}: amount and fee in TAO rao, stake (the total now) in alpha rao',
    );
  addChainOptions(addWalletOptions(cmd)).action(
    action(async (opts: Flags) => {
      const amount = taoOrUsage(opts.amount);
      const wallet = loadWalletFromOptions(opts);
      const hotkey = opts.hotkeySs58 ?? (await loadHotkey(wallet)).ss58Address;
      if (!isValidAddress(hotkey)) throw new UsageError(`--hotkey-ss58: "${hotkey}" is not an SS58 address`);
      const from = (await wallet.getColdkeypub()).ss58Address;
      await withChain(opts, async (client) => {
        const call = addStakeCall(client, { hotkey, netuid: opts.netuid, amount });
        const [fee, balance] = await Promise.all([
          estimateFee(client, call, from),
          getBalance(client, { address: from }),
        ]);
        if (balance.free < amount + fee) {
          throw new CliError(
            `${from} holds ${formatTao(balance.free)}; staking needs ${formatTao(amount + fee)}`,
            {
              code: 'NotEnoughBalanceToStake',
              hint: 'stake less or fund the coldkey',
            },
          );
        }
        printNote(
          `staking ${formatTao(amount)} to ${hotkey} on subnet ${opts.netuid} (${client.network}), fee about ${formatTao(fee)}`,
        );
        await confirm(`Stake ${formatTao(amount)}?`, { yes: opts.yes });
        const signer = await unlockColdkey(wallet);
        await addStake(client, { signer, hotkey, netuid: opts.netuid, amount });
        const total = await getStake(client, { hotkey, coldkey: from, netuid: opts.netuid });
        if (opts.json) {
          printJson({
            netuid: opts.netuid,
            hotkey,
            amount: amount.toString(),
            fee: fee.toString(),
            stake: total.toString(),
          });
        } else {
          // What the hotkey holds on a subnet is alpha: the TAO went into the subnet's pool at its price.
          printLine(
            `staked ${formatTao(amount)} to ${hotkey} on subnet ${opts.netuid}; its stake there is now ${formatAlpha(total)} (alpha)`,
          );
        }
      });
    }),
  );
}
