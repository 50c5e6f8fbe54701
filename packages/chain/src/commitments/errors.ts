import { ChainError } from '../errors/index.js';

export class CommitmentInputError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CommitmentInputError', message, {
      hint: 'Commitment data is at most 512 bytes (UTF-8) per field, 3 fields per commitment.',
      details,
    });
  }
}

/** Chain data under `CommitmentOf` that does not decode as a commitment registration. */
export class CommitmentDecodeError extends ChainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CommitmentDecodeError', message, {
      hint: 'The node runs a runtime whose commitment format this client does not understand; upgrade taonode.',
      details,
    });
  }
}

/** One-line hints for the Commitments pallet's refusals (the shared table covers SubtensorModule). */
const COMMITMENT_HINTS: Readonly<Record<string, string>> = {
  AccountNotAllowedCommit:
    'Only a hotkey registered on the subnet may commit; register it first (`taonode subnet register --netuid N`).',
  SpaceLimitExceeded:
    'The per-epoch commitment space of this hotkey (MaxSpace, 3100 bytes by default) is used up; wait for the next epoch.',
  CommitmentSetRateLimitExceeded:
    'Commitments are rate limited on this runtime; wait a few blocks and retry.',
  TooManyFieldsInCommitmentInfo: 'A commitment holds at most 3 fields.',
};

/** The same refusal with a hint attached where the shared table had none. */
export function withCommitmentHint(error: unknown): unknown {
  if (!(error instanceof ChainError) || error.hint !== undefined) return error;
  const hint = COMMITMENT_HINTS[error.name];
  if (hint === undefined) return error;
  return new ChainError(error.name, error.message, {
    ...(error.pallet === undefined ? {} : { pallet: error.pallet }),
    hint,
    details: error.details,
    cause: error,
  });
}
