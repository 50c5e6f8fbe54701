import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatTao, RAO_PER_TAO } from '@taonode/chain';
import { sleep } from '@taonode/kit';
import {
  buyFocusVideo,
  hotkeyCredentials,
  omegaApiMarketplace,
  PurchaseLedger,
  startFocusStandIn,
} from '@taonode/sn24/focus';
import { generateMnemonic, Keypair, Wallet } from '@taonode/wallet';
import type { DemoExtras } from './demoSubnets.js';

/** Big enough to see in the table's precision; the validator's default is 0.05. */
export const FOCUS_DEMO_SHARE = 0.2;
const VIDEO = 'demo-focus-task-1';
const PRICE = RAO_PER_TAO / 10n;

/**
 * SN24's Focus part of `taonode demo`: a stand-in marketplace selling one video (the validator
 * verifies claims from it), then, once weights are on chain, miner1 buys that video with a real
 * transfer from its coldkey and the demo waits for its score to rise by the Focus share.
 */
export async function startSn24FocusDemo(): Promise<DemoExtras> {
  const recorder = Keypair.fromMnemonic(generateMnemonic()).ss58Address;
  const standIn = await startFocusStandIn({
    listings: [{ videoId: VIDEO, score: 0.9, priceRao: PRICE, address: recorder }],
  });
  return {
    validatorArgs: ['--sn24.focus_api', standIn.url, '--sn24.focus_share', String(FOCUS_DEMO_SHARE)],
    async afterWeights({ client, subnet, scores, out, deadline, workDir, validatorLog }) {
      const miners = subnet.neurons.filter((n) => n.role === 'miner');
      const miner = miners[0]!;
      const wallet = new Wallet({ name: subnet.walletName, path: subnet.walletPath });
      const coldkey = await wallet.getColdkey();
      // Every miner's score is L1(YouTube)·(1 − share) + L1(Focus)·share: before any purchase they sum
      // to 1 − share, after the only purchase the whole share is miner1's. Its YouTube part keeps
      // moving with every answer, so the sum shows the share's arrival exactly.
      const total = (scores: number[]) => miners.reduce((a, m) => a + (scores[m.uid] ?? 0), 0);
      const before = await scores();
      out(
        `${miner.name} (uid ${miner.uid}) buys Focus video ${VIDEO} for ${formatTao(PRICE)} from ${standIn.url} (Focus share ${FOCUS_DEMO_SHARE})…`,
      );
      const bought = await buyFocusVideo(
        {
          marketplace: omegaApiMarketplace({ url: standIn.url }),
          client,
          ledger: await PurchaseLedger.open(join(workDir, 'focus-purchases.json')),
          auth: hotkeyCredentials(await wallet.getHotkey({ hotkey: miner.name })),
          coldkey: coldkey.ss58Address,
          approve: async () => {},
          signer: async () => coldkey,
        },
        VIDEO,
      );
      out(`paid to the recorder in block ${bought.blockHash}; the marketplace has the block hash`);
      for (;;) {
        const verified = (await readFile(validatorLog, 'utf8').catch(() => '')).includes(
          'SN24 Focus purchase verified',
        );
        const after = await scores();
        if (verified && total(after) - total(before) > FOCUS_DEMO_SHARE / 2) {
          const was = before[miner.uid] ?? 0;
          const now = after[miner.uid] ?? 0;
          out(
            `the validator verified the transfer on chain: ${miner.name}'s score ${was.toFixed(4)} → ${now.toFixed(4)}, ` +
              `of which ${FOCUS_DEMO_SHARE} is the Focus share (the miners' scores sum ${total(before).toFixed(4)} → ${total(after).toFixed(4)})`,
          );
          return;
        }
        if (Date.now() > deadline)
          throw new Error(`the Focus purchase did not raise ${miner.name}'s score in time`);
        await sleep(1_000);
      }
    },
    close: () => standIn.close(),
  };
}
