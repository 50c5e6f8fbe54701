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
 * The subnet wants timelocked (drand) commit-reveal but this client cannot produce the `tle`
 * ciphertext. Raised instead of silently falling back to plain set_weights or to the hash scheme.
 */
export class TimelockUnavailableError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TimelockUnavailableError', message, {
      hint:
        'Timelocked (CRv3/CRv4) weight commits need drand IBE (tle) encryption, which taonode does not implement yet; ' +
        'use a runtime that still has hash commit-reveal (commit_weights/reveal_weights) or ask the subnet owner to turn commit-reveal off.',
      details,
    });
  }
}

/** The pending-reveal file exists but cannot be read or parsed; we refuse to overwrite it. */
export class PendingRevealStoreError extends Error {
  override readonly name = 'PendingRevealStoreError';
  readonly hint = 'Fix or move the file aside; taonode never overwrites a store it cannot read.';
  constructor(
    message: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
