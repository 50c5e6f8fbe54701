/** Base class for this package's errors: a short message plus machine-readable details. */
export class Sn2Error extends Error {
  override name = 'Sn2Error';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class PtauError extends Sn2Error {
  override name = 'PtauError';
}

export class CircuitBuildError extends Sn2Error {
  override name = 'CircuitBuildError';
}

export class ProveError extends Sn2Error {
  override name = 'ProveError';
}
