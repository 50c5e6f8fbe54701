import { CodedError } from '@taonode/kit';

/**
 * Failures the SN30 package reports on purpose: short message, stable `code`, `hint` with the fix.
 * On the shared error base (`TaonodeError`).
 */
export class Sn30Error extends CodedError {}

/** A generation request outside what SN30 accepts (spec §4.2). */
export class GenerationInputError extends Sn30Error {
  constructor(reason: string, details?: Record<string, unknown>) {
    super(
      'SN30_INPUT',
      reason,
      'width/height: multiples of 8 in 512–1536; num_inference_steps: 1–100; seed: 0–4294967295',
      { details },
    );
  }
}

/** The generator's queue is full: try again later or another generator. */
export class GeneratorBusyError extends Sn30Error {
  constructor(queued: number) {
    super(
      'GENERATOR_BUSY',
      `generator queue full (${queued} waiting)`,
      'retry after a moment or use another generator',
    );
  }
}

/** A generator answered with something other than a valid result (or not at all). */
export class GeneratorCallError extends Sn30Error {
  readonly status: number | undefined;

  constructor(url: string, reason: string, status?: number, options?: { cause?: unknown }) {
    super(
      'GENERATOR_CALL',
      `generator ${url}: ${reason}`,
      'check that `taonode sn30 generator` runs there with the same model',
      options,
    );
    this.status = status;
  }
}
