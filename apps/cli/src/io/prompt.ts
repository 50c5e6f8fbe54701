import { createInterface, type Interface } from 'node:readline';
import { read } from 'read';
import { CliError, EXIT } from './cliError.js';

// Non-interactive input (pipes, files, test harnesses): lines are consumed in order, so a
// command can ask for a password and then a confirmation from the same stdin.
let lineReader: Interface | undefined;
let lineIterator: AsyncIterator<string> | undefined;

async function readStdinLine(): Promise<string | undefined> {
  if (lineReader === undefined) {
    lineReader = createInterface({
      input: process.stdin,
      terminal: false,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    lineIterator = lineReader[Symbol.asyncIterator]();
  }
  const next = await lineIterator!.next();
  return next.done ? undefined : next.value;
}

/** Lets the process exit once a command is done with stdin. Called by `action()`. */
export function releaseStdin(): void {
  lineReader?.close();
  lineReader = undefined;
  lineIterator = undefined;
  if (!process.stdin.destroyed) process.stdin.pause();
}

export function isInteractive(): boolean {
  return process.stdin.isTTY === true;
}

/** Reads a line from the terminal without echoing it (npm's `read`: muted output, Ctrl-C aware). */
async function readHiddenFromTty(question: string): Promise<string> {
  try {
    return await read({ prompt: question, silent: true, output: process.stderr });
  } catch (error) {
    if (error instanceof Error && error.message === 'canceled') {
      throw new CliError('cancelled', { exitCode: EXIT.CANCELLED, code: 'CANCELLED' });
    }
    throw error;
  }
}

/**
 * Hidden password prompt on a terminal (prompt text on stderr); when stdin is not a terminal,
 * reads one line from stdin instead. Returns undefined when stdin has no more lines.
 */
export async function promptPassword(question: string): Promise<string | undefined> {
  if (isInteractive()) return readHiddenFromTty(question);
  return readStdinLine();
}

/** Reads a visible answer: terminal prompt on stderr, or the next stdin line. */
export async function promptLine(question: string): Promise<string | undefined> {
  if (!isInteractive()) return readStdinLine();
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/**
 * Asks before something irreversible (spending funds, replacing keys). `--yes` skips the
 * question; without a terminal and without `--yes` it refuses rather than guess.
 */
export async function confirm(question: string, options: { yes?: boolean } = {}): Promise<true> {
  if (options.yes) return true;
  if (!isInteractive()) {
    throw new CliError(`not confirmed: ${question}`, {
      hint: 'stdin is not a terminal; pass --yes to confirm non-interactively',
      code: 'NOT_CONFIRMED',
    });
  }
  const answer = await promptLine(`${question} [y/N] `);
  if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) return true;
  throw new CliError('aborted: not confirmed', { code: 'NOT_CONFIRMED' });
}
