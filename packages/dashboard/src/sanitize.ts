import type { Components, ComponentValue } from './events.js';

/** Bounds on what a subnet or a caller can make the dashboard keep (every value is hostile text). */
export const LIMITS = {
  stringChars: 200,
  keyChars: 64,
  hotkeyChars: 64,
  components: 32,
  figures: 32,
} as const;

export function clampString(value: unknown, max: number): string {
  const s = typeof value === 'string' ? value : String(value ?? '');
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function cleanValue(value: unknown): ComponentValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'string') return clampString(value, LIMITS.stringChars);
  return null;
}

/** A copy with at most `max` keys, each key and string value length-capped; other types become null. */
export function cleanComponents(input: Components | undefined, max: number = LIMITS.components): Components {
  const out: Record<string, ComponentValue> = {};
  if (!input || typeof input !== 'object') return out;
  let n = 0;
  for (const key of Object.keys(input)) {
    if (n++ >= max) break;
    // defineProperty keeps a key such as `__proto__` an ordinary own property.
    Object.defineProperty(out, clampString(key, LIMITS.keyChars), {
      value: cleanValue(input[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function isUid(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535;
}
