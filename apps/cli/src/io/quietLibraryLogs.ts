import { debugEnabled } from './errorReport.js';

/** polkadot.js logs through console as (date, 'API-WS:', …): a timestamp, then its module tag. */
function isPolkadotLog(args: unknown[]): boolean {
  return (
    typeof args[0] === 'string' &&
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(args[0]) &&
    typeof args[1] === 'string' &&
    /^\s*[A-Z][\w/-]*:\s*$/.test(args[1])
  );
}

/**
 * polkadot.js prints its own lines ("API-WS: disconnected from …", RPC warnings) next to the one
 * error line the CLI gives for the same event; a command's output is the CLI's alone. Kept with
 * TAONODE_DEBUG=1.
 */
export function quietLibraryLogs(): void {
  if (debugEnabled()) return;
  for (const level of ['log', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (!isPolkadotLog(args)) original(...args);
    };
  }
}
