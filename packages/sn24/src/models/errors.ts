import { TaonodeError } from '@taonode/kit';

/** A model file or its tokenizer data cannot be used (short message; details say which file). */
export class Sn24ModelError extends TaonodeError {
  constructor(message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, { details, cause: options?.cause });
  }
}
