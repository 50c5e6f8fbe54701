// Python's str()/repr() for the JSON-shaped values a synapse field can hold. The body hash (§1.5)
// hashes str(value) of each required hash field, so a TS peer must produce the same text as CPython.

/** How a JS number should print: Python keeps int and float apart, JS does not. */
export type NumberKind = 'int' | 'float';

/** Python `repr(float)`: shortest round-trip digits, scientific below 1e-4 or from 1e16 on. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs < 1e16) return `${x}.0`;
  // Between 1e-4 and 1e16 both languages print the shortest round-trip digits in plain notation
  // (JS switches to exponents only below 1e-6 and from 1e21 on): the common case, e.g. process_time.
  if (abs >= 1e-4 && abs < 1e16) return String(x);
  // toExponential() without an argument gives the shortest digits that round-trip, like Python.
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${expAbs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart === '' ? '0' : fracPart}`;
}

/** Python `repr(str)`: single quotes unless the text has ' and no ", escapes for control chars. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad) out += `\\x${hex(cp, 2)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += `\\u${hex(cp, 4)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function numberRepr(x: number, kind: NumberKind | undefined): string {
  if (kind === 'float' || !Number.isInteger(x)) return pythonFloatRepr(x);
  // Integers beyond 2^53 should arrive as bigint (lossless JSON); a plain number prints its digits.
  return BigInt(x).toString();
}

/** Python `repr(value)` for JSON-like values (nested models are dicts after model_dump()). */
export function pythonRepr(value: unknown, kind?: NumberKind): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return numberRepr(value, kind);
  if (typeof value === 'string') return pythonStrRepr(value);
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, kind)).join(', ')}]`;
  if (value instanceof Uint8Array)
    throw new TypeError('bytes fields are not JSON; encode them (e.g. base64)');
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v, kind)}`,
    );
    return `{${items.join(', ')}}`;
  }
  throw new TypeError(`no Python repr for a ${typeof value}`);
}

/**
 * Python `str(value)`: a str is itself, everything else is its repr. `kind` says whether numbers
 * (also inside lists/dicts) are ints or floats, since `4` and `4.0` print differently in Python.
 */
export function pythonStr(value: unknown, kind?: NumberKind): string {
  return typeof value === 'string' ? value : pythonRepr(value, kind);
}
