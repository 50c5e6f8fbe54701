import { TaonodeError } from '@taonode/kit';
import { CorruptFileError } from '../corruptFileError.js';

/** A vector that no cosine index can hold: wrong length, NaN/Infinity, or all zeros. */
export class VectorInputError extends TaonodeError {
  declare readonly details: { id?: string; index?: number; expected?: number; got?: number };
  constructor(
    message: string,
    details: { id?: string; index?: number; expected?: number; got?: number } = {},
  ) {
    super(message, { details });
  }
}

/** The on-disk vector log is damaged somewhere other than its last (torn) record. */
export class VectorLogCorruptError extends CorruptFileError {
  constructor(file: string, offset: number, reason: string) {
    super(
      'vector log',
      file,
      `corrupt at byte ${offset}`,
      reason,
      'restore it from a backup or delete it to rebuild the index',
    );
  }
}

/** The remote index (Pinecone) answered with an error or could not be reached. */
export class RemoteIndexError extends TaonodeError {
  declare readonly details: { operation: string };
  constructor(message: string, details: { operation: string; cause?: unknown }) {
    super(message, { details: { operation: details.operation }, cause: details.cause });
  }
}
