import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  estimateWeightsFee,
  formatTao,
  revealPending,
  type SubmitWeightsResult,
  submitWeights,
  type WeightsMode,
} from '@taonode/chain';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  confirm,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, jsonSafe, withChain } from './chainOptions.js';
import { registerCommitmentCommands } from './commitment.js';
import {
  normalizeOrUsage,
  parseNetuid,
  parseUids,
  parseVersionKey,
  parseWeights,
  usage,
} from './weightsArgs.js';
import { registerWeightsGet } from './weightsGet.js';

/** Where pending reveals live unless `--reveal-store` says otherwise. */
export function defaultRevealStore(env: NodeJS.ProcessEnv = process.env): string {
  return env.TAONODE_REVEAL_STORE ?? join(homedir(), '.taonode', 'pending-reveals.json');
}

const MODES: readonly WeightsMode[] = ['auto', 'set', 'commit-reveal', 'timelocked'];

type ChainCmdOpts = ChainFlags & WalletFlags & { netuid: string; json?: boolean; revealStore?: string };

/** weights set|normalize|reveal|get, commitment set|get. */
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
        const out = normalizeOrUsage(uids, floats, limit === undefined ? {} : { maxWeightLimit: limit });
        if (opts.json) {
          printJson({ uids: out.uids, weights: out.weights });
          return;
        }
        if (out.uids.length === 0) printLine('all weights are zero: nothing would be sent');
        for (let i = 0; i < out.uids.length; i++) printLine(`uid ${out.uids[i]}\t${out.weights[i]}`);
      }),
    );

  const set = weights
    .command('set')
    .description('Set weights, or commit them when the subnet uses commit-reveal (signed by the hotkey)')
    .requiredOption('--netuid <n>', 'subnet id')
    .requiredOption('--uids <list>', 'comma-separated uids, e.g. 0,1')
    .requiredOption('--weights <list>', 'comma-separated float weights, e.g. 0.3,0.7')
    .option('--version-key <n>', 'weights version key (default 10002000, the SDK default)')
    .option('--mode <mode>', 'auto | set | commit-reveal | timelocked (auto follows the subnet)', 'auto')
    .option('--reveal-store <path>', 'pending-reveal file (default ~/.taonode/pending-reveals.json)')
    .option('-y, --yes', 'do not ask when the node says the call costs a fee (it is fee-free today)')
    .option('--json', 'print the result as one JSON object (fee in rao)');
  addChainOptions(addWalletOptions(set)).action(
    action(
      async (
        opts: ChainCmdOpts & {
          uids: string;
          weights: string;
          versionKey?: string;
          mode: string;
          yes?: boolean;
        },
      ) => {
        const netuid = usage(() => parseNetuid(opts.netuid));
        const uids = usage(() => parseUids(opts.uids));
        const floats = usage(() => parseWeights(opts.weights));
        // Refuse bad input before touching the wallet or the network.
        const u16 = normalizeOrUsage(uids, floats);
        const versionKey =
          opts.versionKey === undefined ? undefined : usage(() => parseVersionKey(opts.versionKey!));
        if (!MODES.includes(opts.mode as WeightsMode)) {
          throw new UsageError(`--mode: "${opts.mode}" is not one of ${MODES.join(', ')}`);
        }
        const mode = opts.mode as WeightsMode;
        const hotkey = await loadHotkey(loadWalletFromOptions(opts));
        const { fee, result } = await withChain(opts, async (client) => {
          const estimate = await estimateWeightsFee(client, {
            netuid,
            hotkey: hotkey.ss58Address,
            ...u16,
            ...(versionKey === undefined ? {} : { versionKey }),
            mode,
          });
          // Anything that spends funds shows the cost and asks first.
          if (estimate.fee > 0n) {
            const call = {
              set: 'set_weights',
              'commit-reveal': 'commit_weights',
              timelocked: 'timelocked commit',
            }[estimate.path];
            printNote(
              `${call} on subnet ${netuid} costs about ${formatTao(estimate.fee)}, paid by the hotkey`,
            );
            await confirm(`Pay ${formatTao(estimate.fee)}?`, { yes: opts.yes });
          }
          const submitted = await submitWeights(client, {
            netuid,
            uids,
            weights: floats,
            ...(versionKey === undefined ? {} : { versionKey }),
            signer: hotkey,
            store: opts.revealStore ?? defaultRevealStore(),
            mode,
          });
          return { fee: estimate.fee, result: submitted };
        });
        if (opts.json) printJson(jsonSafe({ ...result, fee }) as Record<string, unknown>);
        else printLine(describeSubmission(netuid, result));
      },
    ),
  );

  const reveal = weights
    .command('reveal')
    .description('Reveal pending commits whose reveal window is open (validators do this automatically)')
    .requiredOption('--netuid <n>', 'subnet id')
    .option('--reveal-store <path>', 'pending-reveal file (default ~/.taonode/pending-reveals.json)')
    .option('--json', 'print the result as one JSON object');
  addChainOptions(addWalletOptions(reveal)).action(
    action(async (opts: ChainCmdOpts) => {
      const netuid = usage(() => parseNetuid(opts.netuid));
      const hotkey = await loadHotkey(loadWalletFromOptions(opts));
      const result = await withChain(opts, (client) =>
        revealPending(client, { signer: hotkey, netuid, store: opts.revealStore ?? defaultRevealStore() }),
      );
      const summary = {
        revealed: result.revealed.map((r) => ({ commitHash: r.commitHash, block: r.revealBlock })),
        waiting: result.waiting.map((w) => ({
          commitHash: w.commitHash,
          revealFromBlock: w.revealFromBlock ?? null,
        })),
        dropped: result.dropped.map((d) => ({ commitHash: d.entry.commitHash, reason: d.reason })),
        failed: result.failed.map((f) => ({
          commitHash: f.entry.commitHash,
          error: f.error.name,
          message: f.error.message,
        })),
      };
      if (result.failed.length > 0) process.exitCode = 1;
      if (opts.json) {
        printJson(summary);
        return;
      }
      for (const r of summary.revealed) printLine(`revealed ${r.commitHash} in block ${r.block}`);
      for (const w of summary.waiting)
        printLine(`waiting  ${w.commitHash} (window opens at block ${w.revealFromBlock ?? '?'})`);
      for (const d of summary.dropped) printLine(`dropped  ${d.commitHash}: ${d.reason}`);
      for (const f of summary.failed) printNote(`failed   ${f.commitHash}: ${f.error}: ${f.message}`);
      if (
        result.revealed.length + result.waiting.length + result.dropped.length + result.failed.length ===
        0
      ) {
        printLine(`no pending commits for this hotkey on subnet ${netuid}`);
      }
    }),
  );

  registerWeightsGet(weights);
  registerCommitmentCommands(program);
}

function describeSubmission(netuid: number, r: SubmitWeightsResult): string {
  switch (r.action) {
    case 'set':
      return `weights set on subnet ${netuid} in block ${r.blockNumber} (${r.uids.length} uids)`;
    case 'committed':
      if (r.scheme === 'timelocked') {
        return (
          `weights committed (timelocked to drand round ${r.revealRound}) on subnet ${netuid} in block ${r.blockNumber}; ` +
          `the chain applies them itself from about block ${r.revealFromBlock}`
        );
      }
      return (
        `weights committed on subnet ${netuid} in block ${r.blockNumber} (${r.commitHash}); ` +
        `reveal window blocks ${r.revealFromBlock ?? '?'}–${r.revealUntilBlock ?? '?'}: ` +
        `run \`taonode weights reveal --netuid ${netuid}\` then (a running validator reveals by itself)`
      );
    case 'skipped':
      return `nothing sent: ${r.detail}`;
  }
}
