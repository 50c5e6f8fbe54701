import type { Logger } from 'pino';
import { EXIT_FAILURE } from '../runner/exitCodes.js';

export interface DaemonContext {
  signal: AbortSignal;
  logger: Logger;
}

export interface RunDaemonOptions {
  logger: Logger;
  /** Must stay below pm2's kill_timeout (ecosystem.config.js sets 10 s) so pm2 never has to SIGKILL. */
  stopTimeoutMs?: number;
}

/**
 * Runs a daemon until SIGINT/SIGTERM. `start` sets everything up and returns the stop function;
 * on a signal the stop function gets `stopTimeoutMs` to finish before the process exits anyway.
 */
export async function runDaemon(
  start: (ctx: DaemonContext) => Promise<() => Promise<void>>,
  options: RunDaemonOptions,
): Promise<number> {
  const { logger } = options;
  const controller = new AbortController();
  const stopTimeoutMs = options.stopTimeoutMs ?? 8_000;
  let signalled: (() => void) | undefined;
  let stopSignal: NodeJS.Signals | undefined;
  const stopped = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      logger.warn({ signal: sig }, 'second signal: exiting now');
      process.exit(130);
    }
    logger.info({ signal: sig }, 'stopping');
    stopSignal = sig;
    controller.abort();
    signalled?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A stray rejection (e.g. from a websocket callback) is a bug to log, not a reason to stop mining.
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled rejection (continuing)');
  process.on('unhandledRejection', onRejection);

  let stop: (() => Promise<void>) | undefined;
  try {
    stop = await start({ signal: controller.signal, logger });
  } catch (error) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
    if (controller.signal.aborted) return 0;
    throw error;
  }
  await stopped;
  const timer = setTimeout(() => {
    logger.error({ stopTimeoutMs }, 'graceful stop took too long; exiting');
    process.exit(EXIT_FAILURE);
  }, stopTimeoutMs);
  timer.unref();
  try {
    await stop();
    // pm2 records the exit code it sees; the log says which signal asked for it.
    logger.info({ signal: stopSignal, exitCode: 0 }, 'stopped');
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    return EXIT_FAILURE;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
  }
}
