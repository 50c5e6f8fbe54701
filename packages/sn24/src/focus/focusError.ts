import { TaonodeError } from '@taonode/kit';

/**
 * Every expected failure of the Focus marketplace flow (a marketplace refusal, an unreadable
 * ledger, a purchase that cannot go on): a short message, what to do about it, and details.
 * `code` names the case (`MarketplaceRefused`, `LedgerUnreadable`, …) for `--json` output.
 */
export class FocusError extends TaonodeError {
  declare readonly hint: string;

  constructor(
    code: string,
    message: string,
    options: { hint: string; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, { code, ...options });
    // One name for every Focus case; `code` tells them apart.
    this.name = 'FocusError';
  }
}
