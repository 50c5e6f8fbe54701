/**
 * Every expected failure of the Focus marketplace flow (a marketplace refusal, an unreadable
 * ledger, a purchase that cannot go on): a short message, what to do about it, and details.
 * `code` names the case (`MarketplaceRefused`, `LedgerUnreadable`, …) for `--json` output.
 */
export class FocusError extends Error {
  override readonly name = 'FocusError';
  readonly code: string;
  readonly hint: string;
  readonly details: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { hint: string; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }
}
