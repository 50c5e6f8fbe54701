import type { Command } from 'commander';
import { exitQuietlyOnBrokenPipe } from './brokenPipe.js';
import { CommandLineError, reportCommandLineError } from './commandLine.js';
import { reportError } from './errorReport.js';
import { quietLibraryLogs } from './quietLibraryLogs.js';

/**
 * The CLI's whole run: parse, dispatch, and turn every failure into one line and an exit code
 * (usage 2, expected failures their own, anything else 70) — never a stack trace unless
 * TAONODE_DEBUG=1. Sets process.exitCode; the caller lets the process end.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  exitQuietlyOnBrokenPipe();
  quietLibraryLogs();
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommandLineError) reportCommandLineError(error, { json, argv: argv.slice(2) });
    else reportError(error, { json });
  }
}
