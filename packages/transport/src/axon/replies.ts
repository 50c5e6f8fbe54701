import type { FastifyReply } from 'fastify';

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
