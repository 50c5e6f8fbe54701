import { pythonFloatRepr } from '../codec/pythonStr.js';
import type { SynapseBase } from '../synapse/synapse.js';
import { ResponseParseError } from './processResponse.js';

const CONNECT_FAILED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EADDRNOTAVAIL',
  'EAI_AGAIN',
]);
const DISCONNECTED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/** Error codes along the `cause` chain (undici wraps socket errors). */
function codesOf(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && typeof e === 'object' && e !== null; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** §1.9 exception table: sets dendrite.status_code/status_message like the Python dendrite. */
export function applyError(synapse: SynapseBase, err: unknown, timedOut: boolean): void {
  const d = synapse.dendrite;
  const msg = err instanceof Error ? err.message : String(err);
  if (timedOut) {
    d.status_code = 408;
    d.status_message = `Request timeout after ${pythonFloatRepr(synapse.timeout)} seconds`;
    return;
  }
  if (err instanceof ResponseParseError) {
    d.status_code = 422;
    d.status_message = `Failed to parse response: ${msg}`;
    return;
  }
  const codes = codesOf(err);
  if (codes.some((c) => CONNECT_FAILED.has(c))) {
    d.status_code = 503;
    d.status_message = `Service unavailable at ${synapse.axon.ip}:${synapse.axon.port}/${synapse.name}`;
  } else if (codes.some((c) => DISCONNECTED.has(c))) {
    d.status_code = 503;
    d.status_message = `Service disconnected: ${msg}`;
  } else if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    d.status_code = 504;
    d.status_message = `Server timeout error: ${msg}`;
  } else {
    d.status_code = 422;
    d.status_message = `Failed to parse response: ${msg}`;
  }
}
