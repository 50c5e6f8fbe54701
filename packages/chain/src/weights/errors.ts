/**
 * Errors raised by the weights module before anything reaches the chain. Refusals from the runtime
 * itself come back as the client's `ChainError` carrying the runtime's own error name.
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

export class WeightsInputError extends Error {
  override readonly name = 'WeightsInputError';
  constructor(
    readonly problem: WeightsInputProblem,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * The subnet wants timelocked (drand) commit-reveal but this client cannot produce the `tle`
 * ciphertext. Raised instead of silently falling back to plain set_weights or to the hash scheme.
 */
export class TimelockUnavailableError extends Error {
  override readonly name = 'TimelockUnavailableError';
  readonly hint =
    'Timelocked (CRv3/CRv4) weight commits need drand IBE encryption, which taonode does not implement yet. ' +
    'Use a runtime that still accepts hash commit-reveal (commit_weights/reveal_weights), or ask the subnet owner ' +
    'to disable commit-reveal.';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The pending-reveal file exists but cannot be read or parsed; we refuse to overwrite it. */
export class PendingRevealStoreError extends Error {
  override readonly name = 'PendingRevealStoreError';
  constructor(
    message: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
