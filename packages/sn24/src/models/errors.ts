/** A model file or its tokenizer data cannot be used (short message; details say which file). */
export class Sn24ModelError extends Error {
  override readonly name = 'Sn24ModelError';
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
