import { createHash } from 'node:crypto';
import { type NumberKind, pythonStr } from './pythonStr.js';

/** Lowercase hex SHA3-256 (FIPS-202) of the UTF-8 bytes of `s`. */
export function sha3Hex(s: string): string {
  return createHash('sha3-256').update(s, 'utf8').digest('hex');
}

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
