import type { SynapseBase } from '../synapse/synapse.js';
import { emptyTerminal, TERMINAL_FIELDS, type TerminalInfo } from '../synapse/terminalInfo.js';
import { pythonFloatRepr } from './pythonStr.js';

// §1.3: synapse ⇄ HTTP headers. Names are lower case with underscores; values are Python str().

const names = (side: 'axon' | 'dendrite') =>
  Object.fromEntries(TERMINAL_FIELDS.map((f) => [f, `bt_header_${side}_${f}`])) as Record<
    keyof TerminalInfo,
    string
  >;
// Built once: this runs for every request and response.
const HEADER_NAMES = { axon: names('axon'), dendrite: names('dendrite') };

function terminalValue(field: keyof TerminalInfo, v: unknown): string {
  if (field === 'process_time' && typeof v === 'number') return pythonFloatRepr(v);
  return String(v);
}

export interface HeaderInput {
  synapse: SynapseBase;
  bodyHash: string;
  /** `bt_header_input_obj_*` values of the synapse type (required fields). */
  inputObjHeaders?: Readonly<Record<string, string>>;
  /** `total_size` is Python getsizeof noise; we send the body length. */
  totalSize?: number;
}

/** `Synapse.to_headers()`: only non-null terminal fields are emitted. */
export function synapseToHeaders(input: HeaderInput): Record<string, string> {
  const { synapse } = input;
  const h: Record<string, string> = { name: synapse.name, timeout: pythonFloatRepr(synapse.timeout) };
  for (const side of ['axon', 'dendrite'] as const) {
    const t = synapse[side];
    const n = HEADER_NAMES[side];
    for (const f of TERMINAL_FIELDS) {
      const v = t[f];
      if (v !== null && v !== undefined) h[n[f]] = terminalValue(f, v);
    }
  }
  if (input.inputObjHeaders) Object.assign(h, input.inputObjHeaders);
  h.header_size = String(Object.keys(h).length * 64);
  h.total_size = String(input.totalSize ?? 0);
  h.computed_body_hash = input.bodyHash;
  return h;
}

type RawHeaders = Record<string, string | string[] | undefined>;

export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const INT = /^-?\d{1,18}$/;
const NONCE = /^\d{1,30}$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads one side's terminal info from headers; malformed values are dropped (left null). */
export function terminalFromHeaders(headers: RawHeaders, side: 'axon' | 'dendrite'): TerminalInfo {
  const t = emptyTerminal();
  const n = HEADER_NAMES[side];
  const code = headerValue(headers, n.status_code);
  if (code !== undefined && INT.test(code)) t.status_code = Number(code);
  const msg = headerValue(headers, n.status_message);
  if (msg !== undefined) t.status_message = msg;
  const pt = headerValue(headers, n.process_time);
  if (pt !== undefined && FLOAT.test(pt)) t.process_time = Number(pt);
  const ip = headerValue(headers, n.ip);
  if (ip !== undefined) t.ip = ip;
  const port = headerValue(headers, n.port);
  if (port !== undefined && INT.test(port)) t.port = Number(port);
  const version = headerValue(headers, n.version);
  if (version !== undefined && INT.test(version)) t.version = Number(version);
  const nonce = headerValue(headers, n.nonce);
  if (nonce !== undefined && NONCE.test(nonce)) t.nonce = BigInt(nonce);
  const uuid = headerValue(headers, n.uuid);
  if (uuid !== undefined) t.uuid = uuid;
  const hotkey = headerValue(headers, n.hotkey);
  if (hotkey !== undefined) t.hotkey = hotkey;
  const signature = headerValue(headers, n.signature);
  if (signature !== undefined) t.signature = signature;
  return t;
}

/** Parses the `timeout` header (float seconds); undefined when absent or not a positive number. */
export function timeoutFromHeaders(headers: RawHeaders): number | undefined {
  const v = headerValue(headers, 'timeout');
  if (v === undefined || !FLOAT.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
