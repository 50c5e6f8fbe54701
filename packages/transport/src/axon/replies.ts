import type { FastifyReply } from 'fastify';
import { EMPTY_BODY_HASH } from '../codec/bodyHash.js';
import { synapseToHeaders } from '../codec/headers.js';
import type { SynapseBase } from '../synapse/synapse.js';

// Header values must be visible ASCII; a forward may put anything into a string field that ends
// up in a header (status_message, hotkey), so anything else is replaced rather than crashing.
const UNSAFE = /[^\t\x20-\x7e]/;
const UNSAFE_ALL = /[^\t\x20-\x7e]/g;

/** Makes every value of `h` header-safe, in place (the objects passed are built per response). */
export function safeHeaders(h: Record<string, string>): Record<string, string> {
  for (const k in h) {
    const v = h[k]!;
    if (UNSAFE.test(v)) h[k] = v.replace(UNSAFE_ALL, '?');
  }
  return h;
}

export function sendJson(
  reply: FastifyReply,
  code: number,
  headers: Record<string, string>,
  body: string,
): FastifyReply {
  const h = safeHeaders(headers);
  h['content-type'] = 'application/json';
  return reply.code(code).headers(h).send(body);
}

/**
 * §1.8 error reply: `{"message": ...}` with the headers of the middleware synapse (the one built
 * from the request headers), its axon status filled in.
 */
export function sendFailure(
  reply: FastifyReply,
  code: number,
  message: string,
  mw: SynapseBase | undefined,
): FastifyReply {
  let headers: Record<string, string> = {};
  if (mw !== undefined) {
    mw.axon.status_code = code;
    mw.axon.status_message = message;
    headers = synapseToHeaders({ synapse: mw, bodyHash: mw.computed_body_hash || EMPTY_BODY_HASH });
  }
  return sendJson(reply, code, headers, JSON.stringify({ message }));
}
