import { TaonodeError } from '@taonode/kit';
import { ChainError } from '../errors/index.js';

/**
 * Errors raised by the weights module before anything reaches the chain. Refusals from the runtime
 * itself come back as `ChainError`s named after the runtime's own error.
 */
export type WeightsInputProblem =
  | 'LengthMismatch'
  | 'NegativeWeight'
  | 'NonFiniteWeight'
  | 'InvalidUid'
  | 'DuplicateUid'
  | 'InvalidLimit'
  | 'InvalidSalt'
  | 'InvalidVersionKey';

const INPUT_HINT = 'Give one finite, non-negative weight per uid; uids are distinct integers 0..65535.';

export class WeightsInputError extends ChainError {
  constructor(
    readonly problem: WeightsInputProblem,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super('WeightsInputError', message, { hint: INPUT_HINT, details: { problem, ...details } });
  }
}

/**
 * The subnet's commit-reveal scheme and this runtime do not fit what was asked (a timelocked commit
 * on a runtime without one, or a hash commit where only timelocked ones count). Raised instead of
 * silently sending weights that would never take effect.
 */
export class TimelockUnavailableError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TimelockUnavailableError', message, {
      hint: 'Use --mode auto (it follows the subnet), or ask the subnet owner which commit-reveal scheme the subnet uses.',
      details,
    });
  }
}

/** The pending-reveal file exists but cannot be read or parsed; we refuse to overwrite it. */
export class PendingRevealStoreError extends TaonodeError {
  constructor(
    message: string,
    readonly path: string,
    cause?: unknown,
  ) {
    super(message, {
      hint: 'Fix or move the file aside; taonode never overwrites a store it cannot read.',
      details: { path },
      cause,
    });
  }
}
