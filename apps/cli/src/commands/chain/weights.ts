import { normalizeWeights } from '@taonode/chain';
import type { Command } from 'commander';
import { action, printJson, printLine, UsageError } from '../../io/index.js';
import { parseUids, parseWeights } from './weightsArgs.js';

/** Turns a flag-parsing failure into a usage error (exit 2) with the flag named. */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** weights set|normalize|reveal, commitment set|get. */
export function registerWeightsCommands(program: Command): void {
  const weights = program
    .command('weights')
    .description('Normalise, set, commit and reveal validator weights');

  weights
    .command('normalize')
    .description('Convert float weights to the u16 values the chain stores (offline, same as the Python SDK)')
    .requiredOption('--uids <list>', 'comma-separated uids, e.g. 0,1,2')
    .requiredOption('--weights <list>', 'comma-separated weights, e.g. 0.1,0.2,0.7')
    .option('--max-weight-limit <fraction>', 'cap any single weight at this share (0..1]')
    .option('--json', 'print {"uids":[…],"weights":[…]}')
    .action(
      action(async (opts: { uids: string; weights: string; maxWeightLimit?: string; json?: boolean }) => {
        const uids = usage(() => parseUids(opts.uids));
        const floats = usage(() => parseWeights(opts.weights));
        const limit = opts.maxWeightLimit === undefined ? undefined : Number(opts.maxWeightLimit);
        const out = normalizeWeights(uids, floats, limit === undefined ? {} : { maxWeightLimit: limit });
        if (opts.json) {
          printJson({ uids: out.uids, weights: out.weights });
          return;
        }
        if (out.uids.length === 0) printLine('all weights are zero: nothing would be sent');
        for (let i = 0; i < out.uids.length; i++) printLine(`uid ${out.uids[i]}\t${out.weights[i]}`);
      }),
    );
}
