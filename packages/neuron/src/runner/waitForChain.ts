import { ChainError } from '@taonode/chain';
import { retry } from '@taonode/kit';
import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import { EXIT_CONFIG } from './exitCodes.js';
import { NeuronExit } from './neuronExit.js';

/**
 * First metagraph read, retried while the chain is unreachable (a daemon started before its node must
 * wait, not crash). Returns the uid, or undefined when the chain answered and the hotkey is not there.
 * A subnet that does not exist ends the daemon (exit 78): waiting cannot create it.
 */
export async function waitForRegistration(args: {
  cache: MetagraphCache;
  hotkey: string;
  netuid: number;
  endpoint: string;
  signal: AbortSignal;
  logger: Logger;
}): Promise<number | undefined> {
  const missingSubnet = (error: unknown) => error instanceof ChainError && error.name === 'SubnetNotExists';
  try {
    await retry(() => args.cache.refresh(), {
      initialMs: 1_000,
      maxMs: 30_000,
      signal: args.signal,
      shouldRetry: (error) => !missingSubnet(error),
      onRetry: ({ error, retryInMs }) =>
        args.logger.warn({ err: error, retryInMs }, 'cannot read the metagraph yet; retrying'),
    });
  } catch (error) {
    if (missingSubnet(error)) {
      throw new NeuronExit(
        `subnet ${args.netuid} does not exist on ${args.endpoint}; check --netuid and --subtensor.network ` +
          '(`taonode metagraph --netuid N` lists a subnet)',
        EXIT_CONFIG,
      );
    }
    throw error;
  }
  return args.cache.uidOf(args.hotkey);
}
