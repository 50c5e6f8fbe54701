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
