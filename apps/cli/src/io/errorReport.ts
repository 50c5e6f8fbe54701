import { CliError, EXIT } from './cliError.js';
import { jsonAlreadyWritten } from './output.js';

interface ExpectedError {
  message: string;
  hint?: string;
  code: string;
  exitCode: number;
}

/** CliError, WalletError and any Error with a string `hint` are expected failures. */
function asExpected(err: unknown): ExpectedError | undefined {
  if (err instanceof CliError)
    return { message: err.message, hint: err.hint, code: err.code, exitCode: err.exitCode };
  const extra = err as { hint?: unknown; code?: unknown; exitCode?: unknown };
  if (err instanceof Error && typeof extra.hint === 'string') {
    const { code, exitCode } = extra;
    return {
      message: err.message,
      hint: extra.hint,
      code: typeof code === 'string' ? code : err.name,
      exitCode: typeof exitCode === 'number' ? exitCode : EXIT.FAILURE,
    };
  }
  return undefined;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export function debugEnabled(): boolean {
  return process.env.TAONODE_DEBUG === '1' || process.env.TAONODE_DEBUG === 'true';
}

/**
 * Prints one line on stderr (plus `{"error":{…}}` on stdout in --json mode when nothing was
 * printed yet) and sets the exit code. Stack traces only with TAONODE_DEBUG=1.
 */
export function reportError(err: unknown, options: { json?: boolean } = {}): number {
  const expected = asExpected(err);
  const report: ExpectedError = expected ?? {
    message: `unexpected failure: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    hint: debugEnabled() ? undefined : 'set TAONODE_DEBUG=1 for details',
    code: 'INTERNAL',
    exitCode: EXIT.INTERNAL,
  };
  const line = `error: ${oneLine(report.message)}${report.hint ? ` — ${oneLine(report.hint)}` : ''}`;
  process.stderr.write(`${line}\n`);
  if (debugEnabled() && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  if (options.json && !jsonAlreadyWritten()) {
    process.stdout.write(
      `${JSON.stringify({ error: { code: report.code, message: oneLine(report.message), hint: report.hint ?? null } })}\n`,
    );
  }
  process.exitCode = report.exitCode;
  return report.exitCode;
}
