#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { runSoak } from './runSoak.js';
import { parseSoakArgs, SOAK_HELP, SoakUsageError } from './soakOptions.js';

// `pnpm soak -- --quick` passes the separator through.
const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
let options: ReturnType<typeof parseSoakArgs>;
try {
  options = parseSoakArgs(argv, () => randomBytes(4).toString('hex'));
} catch (error) {
  if (!(error instanceof SoakUsageError)) throw error;
  process.stderr.write(`pnpm soak: ${error.message}\n`);
  process.exit(2);
}
if (options === 'help') {
  process.stdout.write(`${SOAK_HELP}\n`);
  process.exit(0);
}
// Ctrl-C ends the soak early: figures for what ran, then everything is stopped. A second one quits.
const stop = new AbortController();
process.once('SIGINT', () => {
  process.stdout.write('\nstopping early (Ctrl-C again to quit at once)…\n');
  stop.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.once('SIGTERM', () => stop.abort());
const code = await runSoak(options, (line) => process.stdout.write(`${line}\n`), stop.signal);
// Websocket reconnect timers may linger after clean-up; the soak is done either way.
process.exit(code);
