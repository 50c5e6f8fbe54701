import type { Command } from 'commander';
import { reportError } from './errorReport.js';
import { resetOutputState } from './output.js';
import { releaseStdin } from './prompt.js';

/**
 * Wraps a commander action: the handler gets the merged options (globals included) and the
 * Command; any error becomes one line on stderr and a non-zero exit code (see reportError).
 *
 *   cmd.option('--json').action(action(async (opts: { json?: boolean }) => { … }))
 */
export function action<O extends object>(
  handler: (opts: O, cmd: Command) => Promise<void> | void,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as O & { json?: boolean };
    resetOutputState();
    try {
      await handler(opts, cmd);
    } catch (err) {
      reportError(err, { json: opts.json === true });
    } finally {
      releaseStdin();
    }
  };
}
