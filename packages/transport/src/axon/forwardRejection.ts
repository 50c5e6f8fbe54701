/**
 * Thrown by a forward to refuse a request with a client-error status instead of the 500 an
 * unexpected throw gets: the axon answers `status` with `message` (no error id, nothing logged at
 * error level). For answers the caller must act on — "no such id" (404), "busy, retry" (503), "bad
 * value" (422) — that the synapse's fields cannot express. The SDK has no such hook: its axon turns
 * every exception into a 500.
 */
export class ForwardRejection extends Error {
  readonly status: number;

  constructor(status: 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503, message: string) {
    super(message);
    this.name = 'ForwardRejection';
    this.status = status;
  }
}
