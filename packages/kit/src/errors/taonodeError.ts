/** What every taonode error may carry besides its message. */
export interface TaonodeErrorOptions {
  /** Short machine-readable code, stable across releases (`--json` output, switch statements). Default: the class name. */
  code?: string;
  /** One line saying what the operator can do about it. */
  hint?: string;
  /** Machine-readable facts (file, uid, endpoint, …); never a secret. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error base of the monorepo (as viem's BaseError): a short message saying what went wrong,
 * a stable `code`, a `hint` saying what to do, `details` for machines and the `cause` chain.
 * Every package's errors extend it, so a CLI, a daemon or a log line can report any of them the
 * same way.
 */
export class TaonodeError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(message: string, options: TaonodeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? new.target.name;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /**
   * Follows `cause` from this error: the first error `match` accepts, or (without `match`) the
   * innermost one. Stops at cycles.
   */
  walk(match?: (error: unknown) => boolean): unknown {
    return walkCauses(this, match);
  }
}

/**
 * A package's error base in the positional form most packages use:
 * `super('MODEL_LOAD_FAILED', 'could not load …', 'check that …', { cause })`.
 */
export class CodedError extends TaonodeError {
  constructor(
    code: string,
    message: string,
    hint?: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { code, ...(hint === undefined ? {} : { hint }), ...options });
  }
}

/** `walk` for any thrown value (not only TaonodeErrors): the first cause `match` accepts, else the innermost (or undefined when nothing matched). */
export function walkCauses(error: unknown, match?: (error: unknown) => boolean): unknown {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let last: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    if (match?.(current)) return current;
    seen.add(current);
    last = current;
    current = (current as { cause?: unknown }).cause;
  }
  return match ? undefined : last;
}

/** A message for logs and one-line reports, from any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
