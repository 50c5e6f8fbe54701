import * as crypto from 'node:crypto';
import { type NumberKind, pythonStr } from './pythonStr.js';

// One-shot hash() (Node >= 20.12) costs half of createHash() for the short inputs hashed per
// request; older Node 20 releases fall back.
const sha3 =
  typeof crypto.hash === 'function'
    ? (s: string) => crypto.hash('sha3-256', s, 'hex')
    : (s: string) => crypto.createHash('sha3-256').update(s, 'utf8').digest('hex');

/** Lowercase hex SHA3-256 (FIPS-202) of the UTF-8 bytes of `s`. */
export const sha3Hex: (s: string) => string = sha3;

/** h("") — the hash every synapse without `required_hash_fields` carries (SDK issue #3407). */
export const EMPTY_BODY_HASH = 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a';

export interface HashField {
  name: string;
  kind?: NumberKind;
}

/** §1.5: h(concat over fields of h(str(value))). */
export function computeBodyHash(values: Record<string, unknown>, fields: readonly HashField[]): string {
  if (fields.length === 0) return EMPTY_BODY_HASH;
  let concat = '';
  for (const f of fields) concat += sha3Hex(pythonStr(values[f.name], f.kind));
  return sha3Hex(concat);
}

/**
 * The hashed field values of a request, kept so that the response can reuse the request's hash
 * when a forward left those fields alone (it usually fills output fields only). Only primitive
 * values are compared; anything else is hashed again.
 */
export function hashInputs(
  values: Record<string, unknown>,
  fields: readonly HashField[],
): unknown[] | undefined {
  const out: unknown[] = [];
  for (const f of fields) {
    const v = values[f.name];
    if (typeof v === 'object' && v !== null) return undefined;
    out.push(v);
  }
  return out;
}

export function sameHashInputs(
  before: readonly unknown[] | undefined,
  values: Record<string, unknown>,
  fields: readonly HashField[],
): boolean {
  if (before === undefined) return false;
  for (let i = 0; i < fields.length; i++) if (!Object.is(before[i], values[fields[i]!.name])) return false;
  return true;
}
