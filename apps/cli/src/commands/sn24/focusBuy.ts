import { formatTao } from '@taonode/chain';
import {
  buyFocusVideo,
  hotkeyCredentials,
  omegaApiMarketplace,
  type PaymentPreview,
  PurchaseLedger,
} from '@taonode/sn24/focus';
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
  unlockColdkey,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, withChain } from '../chain/chainOptions.js';
import {
  addMarketplaceOption,
  ledgerFile,
  type MarketplaceFlags,
  marketplaceUrl,
} from './marketplaceOption.js';

type BuyFlags = ChainFlags &
  WalletFlags &
  MarketplaceFlags & { ledger?: string; yes?: boolean; json?: boolean };

/** `taonode sn24 focus buy <video id>`: announce, pay from the coldkey, hand the block hash back. */
export function registerFocusBuy(focus: Command): void {
  const cmd = focus
    .command('buy')
    .argument('<video-id>', 'a video id from `taonode sn24 focus list`')
    .description(
      'Buy a Focus video: the marketplace quotes price and recorder, the coldkey pays (transfer_keep_alive), the block hash goes back. Run it again after any failure: it resumes from the ledger and never pays twice',
    )
    .option('--ledger <file>', 'purchase ledger (default: ~/.taonode/focus/<wallet>/<hotkey>/purchases.json)')
    .option('-y, --yes', 'do not ask before paying')
    .option('--json', 'print the purchase as one JSON object (amounts in rao)');
  addMarketplaceOption(addChainOptions(addWalletOptions(cmd))).action(
    action(async (opts: BuyFlags, command: Command) => {
      const videoId = command.args[0]!;
      const wallet = loadWalletFromOptions(opts);
      const hotkey = await loadHotkey(wallet);
      const coldkey = (await wallet.getColdkeypub()).ss58Address;
      const ledger = await PurchaseLedger.open(ledgerFile(opts));
      const marketplace = omegaApiMarketplace({ url: marketplaceUrl(opts) });
      const entry = await withChain(opts, (client) =>
        buyFocusVideo(
          {
            marketplace,
            client,
            ledger,
            auth: hotkeyCredentials(hotkey),
            coldkey,
            approve: (p) => approvePayment(p, client.network, opts.yes),
            signer: () => unlockColdkey(wallet),
            progress: printNote,
          },
          videoId,
        ),
      );
      if (opts.json) {
        printJson({ ledger: ledger.file, ...entry, amountRao: entry.amountRao.toString() });
        return;
      }
      printLine(
        `bought ${entry.videoId}: paid ${formatTao(entry.amountRao)} to ${entry.address} in block ${entry.blockHash}; the marketplace has the block hash${entry.message ? ` (${entry.message})` : ''}`,
      );
    }),
  );
}

async function approvePayment(p: PaymentPreview, network: string, yes: boolean | undefined): Promise<void> {
  printNote(
    `${p.resend ? 're-sending (same nonce, so at most one lands) ' : ''}${formatTao(p.amountRao)} to ${p.address} for ${p.videoId} on ${network}: fee about ${formatTao(p.feeRao)}, balance ${formatTao(p.balanceRao)}, after ${formatTao(p.balanceRao - p.amountRao - p.feeRao)}`,
  );
  await confirm(`Pay ${formatTao(p.amountRao)} for Focus video ${p.videoId}?`, { yes });
}
