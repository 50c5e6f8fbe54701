import { getMetagraph } from '@taonode/chain';
import type { Command } from 'commander';
import { action, printJson, printLine } from '../../io/index.js';
import { addChainOptions, type ChainFlags, parseNetuid, withChain } from './chainOptions.js';

interface Flags extends ChainFlags {
  netuid: number;
  uid?: number;
  json?: boolean;
}

/**
 * `taonode weights get`: the weights each uid has on chain now (what validators set), one row per
 * setter, with its validator permit and the block it last set them — the quick way to see that a
 * validator is working.
 */
export function registerWeightsGet(weights: Command): void {
  const cmd = weights
    .command('get')
    .description("Show the weights on chain: each setter's row with its permit and last update")
    .requiredOption('--netuid <n>', 'subnet id', parseNetuid)
    .option('--uid <n>', 'only this uid (e.g. your validator)', parseNetuid)
    .option(
      '--json',
      'print {"netuid","block","rows":[{"uid","hotkey","validatorPermit","lastUpdate","weights":[{"uid","weight"}]}]}',
    );
  addChainOptions(cmd).action(
    action(async (opts: Flags) => {
      const mg = await withChain(opts, (client) =>
        getMetagraph(client, { netuid: opts.netuid, weights: true }),
      );
      const rows = mg.neurons
        .filter((n) => (opts.uid === undefined ? (n.weights?.length ?? 0) > 0 : n.uid === opts.uid))
        .map((n) => ({
          uid: n.uid,
          hotkey: n.hotkey,
          validatorPermit: n.validatorPermit,
          lastUpdate: n.lastUpdate,
          weights: (n.weights ?? []).map((w) => ({ uid: w.uid, weight: w.weight })),
        }));
      if (opts.json) {
        printJson({ netuid: mg.netuid, block: mg.block, rows });
        return;
      }
      if (rows.length === 0) {
        printLine(
          opts.uid === undefined
            ? `no weights on subnet ${mg.netuid} at block ${mg.block} yet`
            : `uid ${opts.uid} is not on subnet ${mg.netuid}`,
        );
        return;
      }
      for (const r of rows) {
        const set = r.weights.map((w) => `${w.uid}=${w.weight.toFixed(4)}`).join(' ');
        printLine(
          `uid ${r.uid} ${r.validatorPermit ? 'permit' : 'no permit'}, last update #${r.lastUpdate}: ${set === '' ? 'no weights' : set}`,
        );
      }
    }),
  );
}
