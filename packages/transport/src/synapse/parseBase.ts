import { DEFAULT_TIMEOUT_S, type SynapseBase } from './synapse.js';
import { emptyTerminal, type TerminalInfo } from './terminalInfo.js';

// The base Synapse fields (§1.2) are checked by hand: they are parsed on every request and every
// response, and a zod pass over them (two nested TerminalInfos with unions and transforms) costs
// more than the rest of the body handling. The rules are those of `synapseBaseSchema`, which stays
// the reference (parseBase.test.ts checks both agree).

export interface Issue {
  path: (string | number)[];
  message: string;
}

type Fields = Record<string, unknown>;

const isInt = (v: unknown): v is number | bigint =>
  (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
const NONCE_TEXT = /^\d{1,30}$/;

function bad(issues: Issue[], side: string, field: string, what: string): void {
  issues.push({ path: [side, field], message: `expected ${what}` });
}

function terminal(v: unknown, side: string, issues: Issue[]): TerminalInfo {
  const out = emptyTerminal();
  if (v === null || v === undefined) return out;
  if (typeof v !== 'object' || Array.isArray(v)) {
    issues.push({ path: [side], message: 'expected an object' });
    return out;
  }
  const t = v as Fields;
  for (const f of ['status_code', 'port', 'version'] as const) {
    const x = t[f];
    if (x === null || x === undefined) continue;
    if (isInt(x)) out[f] = Number(x);
    else bad(issues, side, f, 'an integer');
  }
  for (const f of ['status_message', 'ip', 'uuid', 'hotkey', 'signature'] as const) {
    const x = t[f];
    if (x === null || x === undefined) continue;
    if (typeof x === 'string') out[f] = x;
    else bad(issues, side, f, 'a string');
  }
  const pt = t.process_time;
  if (pt !== null && pt !== undefined) {
    if (typeof pt === 'number') out.process_time = pt;
    else bad(issues, side, 'process_time', 'a number');
  }
  const nonce = t.nonce;
  if (nonce !== null && nonce !== undefined) {
    if (isInt(nonce) || (typeof nonce === 'string' && NONCE_TEXT.test(nonce))) out.nonce = BigInt(nonce);
    else bad(issues, side, 'nonce', 'an integer');
  }
  return out;
}

function size(v: unknown, field: string, issues: Issue[]): number {
  if (v === undefined) return 0;
  if (isInt(v) && v >= 0) return Number(v);
  issues.push({ path: [field], message: 'expected a non-negative integer' });
  return 0;
}

/** Parses the base fields of a JSON body; unknown keys are ignored like pydantic does. */
export function parseSynapseBase(body: Fields, name: string, issues: Issue[]): SynapseBase {
  let timeout = DEFAULT_TIMEOUT_S;
  const t = body.timeout;
  if (t !== undefined) {
    if (typeof t === 'number' && Number.isFinite(t) && t > 0) timeout = t;
    else issues.push({ path: ['timeout'], message: 'expected a positive number' });
  }
  if (body.name !== undefined && typeof body.name !== 'string') {
    issues.push({ path: ['name'], message: 'expected a string' });
  }
  let hash = '';
  const h = body.computed_body_hash;
  if (h !== undefined) {
    if (typeof h === 'string') hash = h;
    else issues.push({ path: ['computed_body_hash'], message: 'expected a string' });
  }
  return {
    name,
    timeout,
    total_size: size(body.total_size, 'total_size', issues),
    header_size: size(body.header_size, 'header_size', issues),
    dendrite: terminal(body.dendrite, 'dendrite', issues),
    axon: terminal(body.axon, 'axon', issues),
    computed_body_hash: hash,
  };
}
