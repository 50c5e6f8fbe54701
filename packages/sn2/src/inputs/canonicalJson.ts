/**
 * JSON text as Python's `json.dumps(obj, sort_keys=True)` writes it for the values inputs hold
 * (integers, strings, booleans, null, lists, dicts): keys sorted, ", " and ": " separators.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, pyEscape);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${canonicalJson(k)}: ${canonicalJson(v)}`).join(', ')}}`;
  }
  throw new TypeError(`cannot serialise ${typeof value}`);
}

function pyEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
