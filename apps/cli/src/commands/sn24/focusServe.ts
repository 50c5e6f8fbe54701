import { resolve } from 'node:path';
import { readListingsFile, type StandInListing, startFocusStandIn } from '@taonode/sn24/focus';
import { type Command, InvalidArgumentError } from 'commander';
import { action, printLine, printNote } from '../../io/index.js';
import { parsePort } from '../chain/chainOptions.js';

/** `taonode sn24 focus serve`: the self-hosted stand-in marketplace. */
export function registerFocusServe(focus: Command): void {
  focus
    .command('serve')
    .description(
      "Run a stand-in Focus marketplace (OMEGA API's list/purchase/verify-purchase plus GET /api/focus/purchases for validators) until Ctrl-C; it records claims, validators verify them on chain",
    )
    .option('--host <ip>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (the OMEGA API self-hosts on 8002)', parsePort, 8002)
    .option('--listings <file>', 'videos to sell: JSON [{"video_id","address","price_tao","score"}]')
    .option('--state <file>', 'keep listings, locks and claims in this file across restarts')
    .option('--lock-minutes <n>', 'how long a purchase locks a video for its buyer', parseMinutes, 20)
    .action(
      action(
        async (opts: {
          host: string;
          port: number;
          listings?: string;
          state?: string;
          lockMinutes: number;
        }) => {
          const listings: StandInListing[] =
            opts.listings === undefined ? [] : await readListingsFile(opts.listings);
          const standIn = await startFocusStandIn({
            host: opts.host,
            port: opts.port,
            listings,
            lockMs: opts.lockMinutes * 60_000,
            ...(opts.state === undefined ? {} : { stateFile: resolve(opts.state) }),
          });
          printLine(`Focus stand-in marketplace at ${standIn.url} (${listings.length} listings added)`);
          printNote(
            'miners: --sn24.focus_api for `taonode sn24 focus`; validators: --sn24.focus_api on sn24-validator',
          );
          await new Promise<void>((done) => {
            process.once('SIGINT', () => done());
            process.once('SIGTERM', () => done());
          });
          await standIn.close();
        },
      ),
    );
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of minutes');
  return n;
}
