import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import { sleep } from '../lifecycle/sleep.js';

/**
 * First metagraph read, retried while the chain is unreachable (a daemon started before its node must
 * wait, not crash). Returns the uid, or undefined when the chain answered and the hotkey is not there.
 */
export async function waitForRegistration(args: {
  cache: MetagraphCache;
  hotkey: string;
  signal: AbortSignal;
  logger: Logger;
}): Promise<number | undefined> {
  let delay = 1_000;
  for (;;) {
    try {
      await args.cache.refresh();
      return args.cache.uidOf(args.hotkey);
    } catch (error) {
      if (args.signal.aborted) throw error;
      args.logger.warn({ err: error, retryInMs: delay }, 'cannot read the metagraph yet; retrying');
      await sleep(delay, args.signal);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
