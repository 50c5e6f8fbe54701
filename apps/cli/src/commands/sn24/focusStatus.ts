import { formatTao } from '@taonode/chain';
import { PurchaseLedger } from '@taonode/sn24/focus';
import type { Command } from 'commander';
import { action, addWalletOptions, printJson, printLine, type WalletFlags } from '../../io/index.js';
import { ledgerFile } from './marketplaceOption.js';

/** `taonode sn24 focus status`: the purchase ledger. */
export function registerFocusStatus(focus: Command): void {
  const cmd = focus
    .command('status')
    .description("Show this hotkey's Focus purchases from the local ledger and where each one stands")
    .option('--ledger <file>', 'purchase ledger (default: ~/.taonode/focus/<wallet>/<hotkey>/purchases.json)')
    .option('--json', 'print {"ledger","purchases":[…]} (amounts in rao)');
  addWalletOptions(cmd).action(
    action(async (opts: WalletFlags & { ledger?: string; json?: boolean }) => {
      const file = ledgerFile(opts);
      const purchases = (await PurchaseLedger.open(file)).list();
      if (opts.json) {
        printJson({
          ledger: file,
          purchases: purchases.map((p) => ({ ...p, amountRao: p.amountRao.toString() })),
        });
        return;
      }
      if (purchases.length === 0) {
        printLine(`no Focus purchases in ${file}`);
        return;
      }
      for (const p of purchases) {
        const next =
          p.state === 'handed-back'
            ? `block ${p.blockHash}`
            : p.state === 'paid'
              ? `block ${p.blockHash}; hand-back due: run \`taonode sn24 focus buy ${p.videoId}\``
              : `unfinished: run \`taonode sn24 focus buy ${p.videoId}\` to resume`;
        printLine(
          `${p.videoId}  ${p.state}  ${formatTao(p.amountRao)} → ${p.address}  ${next}  (${p.marketplace})`,
        );
      }
    }),
  );
}
