import { formatTao } from '@taonode/chain';
import { omegaApiMarketplace } from '@taonode/sn24/focus';
import type { Command } from 'commander';
import { action, printJson, printLine } from '../../io/index.js';
import { addMarketplaceOption, type MarketplaceFlags, marketplaceUrl } from './marketplaceOption.js';

/** `taonode sn24 focus list`: the videos on sale. */
export function registerFocusList(focus: Command): void {
  const cmd = focus
    .command('list')
    .description('List the Focus videos on sale (id, score, price, expected reward)')
    .option('--json', 'print {"videos":[{"videoId","score","priceRao","expectedRewardRao"}]}');
  addMarketplaceOption(cmd).action(
    action(async (opts: MarketplaceFlags & { json?: boolean }) => {
      const videos = await omegaApiMarketplace({ url: marketplaceUrl(opts) }).listVideos();
      // Only 90 % of the daily miner budget is sold, so buyers earn back about price / 0.9 (spec §3.3).
      const rows = videos.map((v) => ({ ...v, expectedRewardRao: (v.priceRao * 10n) / 9n }));
      if (opts.json) {
        printJson({
          videos: rows.map((v) => ({
            videoId: v.videoId,
            score: v.score,
            priceRao: v.priceRao.toString(),
            expectedRewardRao: v.expectedRewardRao.toString(),
          })),
        });
        return;
      }
      if (rows.length === 0) {
        printLine('no Focus videos on sale right now');
        return;
      }
      const width = Math.max(8, ...rows.map((r) => r.videoId.length));
      printLine(
        `${'video'.padEnd(width)}  score  ${'price'.padStart(16)}  ${'expected reward'.padStart(16)}`,
      );
      for (const r of rows) {
        printLine(
          `${r.videoId.padEnd(width)}  ${r.score.toFixed(3)}  ${formatTao(r.priceRao).padStart(16)}  ${formatTao(r.expectedRewardRao).padStart(16)}`,
        );
      }
    }),
  );
}
