import { TaonodeError } from '@taonode/kit';

/** Base class for this package's errors: a short message plus machine-readable details. */
export class Sn2Error extends TaonodeError {
  constructor(
    message: string,
    details: Record<string, unknown> = {},
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, { details, ...options });
  }
}

export class PtauError extends Sn2Error {}

export class CircuitBuildError extends Sn2Error {}

export class ProveError extends Sn2Error {}
