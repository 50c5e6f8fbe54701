import type { FastifyReply } from 'fastify';
import { EMPTY_BODY_HASH } from '../codec/bodyHash.js';
import { synapseToHeaders } from '../codec/headers.js';
import type { SynapseBase } from '../synapse/synapse.js';

// Header values must be visible ASCII; a forward may put anything into a string field that ends
// up in a header (status_message, hotkey), so anything else is replaced rather than crashing.
const UNSAFE = /[^\t\x20-\x7e]/;
const UNSAFE_ALL = /[^\t\x20-\x7e]/g;

export function safeHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = UNSAFE.test(v) ? v.replace(UNSAFE_ALL, '?') : v;
  return out;
}

export function sendJson(
  reply: FastifyReply,
  code: number,
  headers: Record<string, string>,
  body: string,
): FastifyReply {
  return reply.code(code).headers(safeHeaders(headers)).header('content-type', 'application/json').send(body);
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
