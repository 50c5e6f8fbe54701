import { type Commitment, getAllCommitments, getCommitment, setCommitment } from '@taonode/chain';
import { isSs58Address } from '@taonode/wallet';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  UsageError,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, withChain } from './chainOptions.js';
import { parseNetuid, usage } from './weightsArgs.js';

type Opts = ChainFlags & WalletFlags & { netuid: string; json?: boolean };

const view = (c: Commitment) => ({
  hotkey: c.hotkey,
  block: c.block,
  data: c.text,
  fields: c.fields.map((f) => f.kind),
});

/** `taonode commitment set|get`: the Commitments pallet (model references and the like). */
export function registerCommitmentCommands(program: Command): void {
  const commitment = program
    .command('commitment')
    .description('Publish or read per-hotkey commitments on a subnet');

  const set = commitment
    .command('set')
    .description('Publish data (UTF-8, ≤ 512 bytes) for your hotkey on a subnet; signed by the hotkey')
    .requiredOption('--netuid <n>', 'subnet id')
    .requiredOption('--data <text>', 'the commitment, e.g. a model reference')
    .option('--json', 'print the result as one JSON object');
  addChainOptions(addWalletOptions(set)).action(
    action(async (opts: Opts & { data: string }) => {
      const netuid = usage(() => parseNetuid(opts.netuid));
      const hotkey = await loadHotkey(loadWalletFromOptions(opts));
      const result = await withChain(opts, (client) =>
        setCommitment(client, { netuid, data: opts.data, signer: hotkey }),
      );
      if (opts.json)
        printJson({ netuid, hotkey: hotkey.ss58Address, blockHash: result.blockHash, data: opts.data });
      else printLine(`commitment set for ${hotkey.ss58Address} on subnet ${netuid}`);
    }),
  );

  // The standard wallet flags are accepted everywhere (one flag set for every command, as with btcli);
  // here they only matter with --mine.
  const get = commitment
    .command('get')
    .description('Read one hotkey’s commitment, or all commitments on the subnet without --hotkey/--mine')
    .requiredOption('--netuid <n>', 'subnet id')
    .option('--hotkey <ss58>', 'hotkey address (default: every hotkey on the subnet)')
    .option('--mine', 'the wallet hotkey (--wallet.name/--wallet.hotkey; no password needed)')
    .option('--json', 'print the result as one JSON object');
  addChainOptions(addWalletOptions(get)).action(
    action(async (opts: Opts & { hotkey?: string; mine?: boolean }) => {
      const netuid = usage(() => parseNetuid(opts.netuid));
      if (opts.mine && opts.hotkey !== undefined) throw new UsageError('give --hotkey or --mine, not both');
      const hotkey = opts.mine ? (await loadWalletFromOptions(opts).getHotkeypub()).ss58Address : opts.hotkey;
      if (hotkey !== undefined && !isSs58Address(hotkey)) {
        throw new UsageError(`--hotkey: "${hotkey}" is not an SS58 address`);
      }
      if (hotkey !== undefined) {
        const one = await withChain(opts, (client) => getCommitment(client, { netuid, hotkey }));
        if (opts.json) printJson({ netuid, commitment: one === undefined ? null : view(one) });
        else printLine(one === undefined ? `no commitment for ${hotkey} on subnet ${netuid}` : one.text);
        return;
      }
      const all = await withChain(opts, (client) => getAllCommitments(client, { netuid }));
      if (opts.json) printJson({ netuid, commitments: all.map(view) });
      else if (all.length === 0) printLine(`no commitments on subnet ${netuid}`);
      else for (const c of all) printLine(`${c.hotkey}\tblock ${c.block}\t${c.text}`);
    }),
  );
}
