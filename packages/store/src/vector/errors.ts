/** A vector that no cosine index can hold: wrong length, NaN/Infinity, or all zeros. */
export class VectorInputError extends Error {
  override readonly name = 'VectorInputError';
  constructor(
    message: string,
    readonly details: { id?: string; index?: number; expected?: number; got?: number } = {},
  ) {
    super(message);
  }
}

/** The on-disk vector log is damaged somewhere other than its last (torn) record. */
export class VectorLogCorruptError extends Error {
  override readonly name = 'VectorLogCorruptError';
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
  ) {
    super(
      `vector log ${file} is corrupt at byte ${offset} (${reason}); restore it from a backup or delete it to rebuild the index`,
    );
  }
}

/** The remote index (Pinecone) answered with an error or could not be reached. */
export class RemoteIndexError extends Error {
  override readonly name = 'RemoteIndexError';
  constructor(
    message: string,
    readonly details: { operation: string; cause?: unknown },
  ) {
    super(message);
  }
}
