import type { IncomingHttpHeaders } from 'node:http';
import { TaonodeError } from '@taonode/kit';
import { terminalFromHeaders } from '../codec/headers.js';
import { parseLosslessJson } from '../codec/losslessJson.js';
import type { SynapseDef } from '../synapse/defineSynapse.js';
import type { Synapse } from '../synapse/synapse.js';
import { TERMINAL_FIELDS, type TerminalInfo } from '../synapse/terminalInfo.js';

/** A response the SDK would fail to parse (→ 422 "Failed to parse response: …"). */
export class ResponseParseError extends TaonodeError {}

type RawHeaders = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

/** Non-null header terminal fields win over the local ones (SDK `from_headers` merge). */
export function mergeHeaderTerminals(synapse: Synapse<object>, headers: RawHeaders): void {
  for (const side of ['axon', 'dendrite'] as const) {
    const fromHeaders = terminalFromHeaders(headers, side);
    const local = synapse[side] as unknown as Record<string, unknown>;
    for (const f of TERMINAL_FIELDS) {
      const v = (fromHeaders as TerminalInfo)[f];
      if (v !== null) local[f] = v;
    }
  }
}

/** §1.9: fills `synapse` (the local copy that was sent) from an HTTP response. */
export function processResponse<F extends object>(
  def: SynapseDef<F, unknown>,
  synapse: Synapse<F>,
  status: number,
  headers: RawHeaders,
  text: string,
): void {
  let json: unknown;
  try {
    json = parseLosslessJson(text);
  } catch (err) {
    throw new ResponseParseError(`body is not JSON (${(err as Error).message})`);
  }
  if (status === 200) {
    const parsed = def.parse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      throw new ResponseParseError(`response does not validate as ${def.name}: ${issues}`);
    }
    const server = parsed.data as unknown as Record<string, unknown>;
    const local = synapse as unknown as Record<string, unknown>;
    for (const k of Object.keys(server)) local[k] = server[k];
    local.name = def.name;
  } else {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ResponseParseError('error body is not a JSON object');
    }
    const message = (json as { message?: unknown }).message;
    synapse.axon.status_code = status;
    synapse.axon.status_message = typeof message === 'string' ? message : null;
  }
  mergeHeaderTerminals(synapse, headers);
  synapse.dendrite.status_code = synapse.axon.status_code;
  synapse.dendrite.status_message = synapse.axon.status_message;
}
