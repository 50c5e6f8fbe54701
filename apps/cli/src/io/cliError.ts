/** Exit codes used by every `taonode` command. */
export const EXIT = {
  OK: 0,
  /** Expected failure: bad input, missing file, wrong password, invalid signature… */
  FAILURE: 1,
  /** Bad command line (commander's own errors use 1 too; we use 2 for our usage checks). */
  USAGE: 2,
  /** The chain endpoint could not be reached at all (EX_UNAVAILABLE): wrong URL or node down. */
  UNAVAILABLE: 69,
  /** A bug or an unexpected environment problem (EX_SOFTWARE). */
  INTERNAL: 70,
  /** Cancelled at a prompt with Ctrl-C. */
  CANCELLED: 130,
} as const;

/**
 * An expected failure to show the user as one line: what is wrong, then what to do.
 * Any Error carrying a string `hint` (e.g. WalletError) is treated the same way.
 */
export class CliError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly code: string;

  constructor(
    message: string,
    options: { hint?: string; exitCode?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.FAILURE;
    this.code = options.code ?? 'CLI_ERROR';
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: EXIT.USAGE, code: 'USAGE' });
    this.name = 'UsageError';
  }
}
