import { burnedRegister, formatTao, getBalance, getBurnCost, getUid } from '@taonode/chain';
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
  unlockColdkey,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, parseNetuid, withChain } from './chainOptions.js';

interface Flags extends ChainFlags, WalletFlags {
  netuid: number;
  yes?: boolean;
  json?: boolean;
}

/** `taonode subnet register --netuid N`: burned_register, the coldkey paying the burn. */
export function registerSubnetCommands(program: Command): void {
  const subnet = program.command('subnet').description('Subnet registration');
  const cmd = subnet
    .command('register')
    .description("Register the wallet's hotkey on a subnet by burning TAO (burned_register, coldkey pays)")
    .requiredOption('--netuid <n>', 'subnet id', parseNetuid)
    .option('-y, --yes', 'do not ask before spending the burn')
    .option('--json', 'print {"netuid","uid","hotkey","coldkey","burn","alreadyRegistered"}');
  addChainOptions(addWalletOptions(cmd)).action(
    action(async (opts: Flags) => {
      const wallet = loadWalletFromOptions(opts);
      const hotkey = await loadHotkey(wallet);
      const coldkeypub = await wallet.getColdkeypub();
      await withChain(opts, async (client) => {
        const existing = await getUid(client, { netuid: opts.netuid, hotkey: hotkey.ss58Address });
        if (existing !== undefined) {
          report(opts, {
            uid: existing,
            hotkey: hotkey.ss58Address,
            coldkey: coldkeypub.ss58Address,
            burn: 0n,
            already: true,
          });
          return;
        }
        const [burn, balance] = await Promise.all([
          getBurnCost(client, { netuid: opts.netuid }),
          getBalance(client, { address: coldkeypub.ss58Address }),
        ]);
        if (balance.free < burn) {
          throw new CliError(
            `coldkey ${coldkeypub.ss58Address} holds ${formatTao(balance.free)}, registration burns ${formatTao(burn)}`,
            { code: 'NotEnoughBalanceToPayRegistrationFee', hint: 'fund the coldkey first' },
          );
        }
        printNote(
          `registering hotkey ${hotkey.ss58Address} on subnet ${opts.netuid} (${client.network}): burns ${formatTao(burn)} from ${coldkeypub.ss58Address} (balance ${formatTao(balance.free)})`,
        );
        await confirm(`Burn ${formatTao(burn)} to register?`, { yes: opts.yes });
        const coldkey = await unlockColdkey(wallet);
        const { uid } = await burnedRegister(client, {
          signer: coldkey,
          hotkey: hotkey.ss58Address,
          netuid: opts.netuid,
        });
        report(opts, { uid, hotkey: hotkey.ss58Address, coldkey: coldkey.ss58Address, burn, already: false });
      });
    }),
  );
}

function report(
  opts: Flags,
  r: { uid: number; hotkey: string; coldkey: string; burn: bigint; already: boolean },
): void {
  if (opts.json) {
    printJson({
      netuid: opts.netuid,
      uid: r.uid,
      hotkey: r.hotkey,
      coldkey: r.coldkey,
      burn: r.burn.toString(),
      alreadyRegistered: r.already,
    });
  } else if (r.already) {
    printLine(
      `hotkey ${r.hotkey} is already registered on subnet ${opts.netuid} as uid ${r.uid}; nothing spent`,
    );
  } else {
    printLine(
      `registered hotkey ${r.hotkey} on subnet ${opts.netuid} as uid ${r.uid} (burned ${formatTao(r.burn)})`,
    );
  }
}
