import type { SynapseBase } from '../synapse/synapse.js';

/** Python: `(bool, reason)`. `true`/`[true, reason]` rejects the request with 403. */
export type BlacklistResult = boolean | readonly [boolean, string];

export interface StreamResponse {
  readonly kind: 'stream';
  readonly chunks: AsyncIterable<Uint8Array | string>;
}

/** Wrap chunks a forward produces (§1.10): sent as `text/event-stream`, bytes as given. */
export function streamResponse(chunks: AsyncIterable<Uint8Array | string>): StreamResponse {
  return { kind: 'stream', chunks };
}

export interface ForwardContext {
  /** Aborted when the request's timeout passes or the client goes away. */
  signal: AbortSignal;
}

export interface AttachHandlers<S extends SynapseBase> {
  /** Fill in the response fields and return the synapse (or a stream). */
  forward(synapse: S, ctx: ForwardContext): S | StreamResponse | Promise<S | StreamResponse>;
  /**
   * Runs after the signature verified, on header fields only (the body is not read yet):
   * `synapse.dendrite.hotkey` is proven, the rest is as the caller claims.
   */
  blacklist?(synapse: SynapseBase): BlacklistResult | Promise<BlacklistResult>;
  /** Higher runs first when the axon is busy. Sees the parsed body. */
  priority?(synapse: S): number | Promise<number>;
  /** Extra checks after the (always required) signature/nonce check; throw to answer 401. */
  verify?(synapse: SynapseBase): void | Promise<void>;
}
