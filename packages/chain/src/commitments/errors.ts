export class CommitmentInputError extends Error {
  override readonly name = 'CommitmentInputError';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Chain data under `CommitmentOf` that does not decode as a commitment registration. */
export class CommitmentDecodeError extends Error {
  override readonly name = 'CommitmentDecodeError';
}
