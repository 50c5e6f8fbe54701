import type { Registry } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { TaonodeError } from '@taonode/kit';

/**
 * A plain-JS SCALE decoder for runtime-API results, planned once per type from the live metadata.
 * polkadot.js builds a codec object per value (and `toJSON` walks them again), which costs more than
 * the RPC round trip itself for a 256-neuron metagraph; this reads the bytes straight into numbers,
 * bigints, booleans, ss58 strings, arrays and objects with the same field names as `toJSON`.
 * Because the plan follows the metadata, a runtime that changes a field's width or adds a field is
 * decoded correctly; a type it cannot plan (a non-Option enum) makes `planDecoder` throw, and the
 * caller falls back to polkadot.js.
 */
export type Decoded = number | bigint | boolean | string | null | Decoded[] | { [key: string]: Decoded };
type Step = (r: Reader) => Decoded;

/** A type the plain decoder cannot plan; the caller falls back to polkadot.js. */
export class UnsupportedScaleType extends TaonodeError {}

class Reader {
  offset = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  ) {}

  take(n: number): number {
    const at = this.offset;
    if (at + n > this.bytes.length)
      throw new RangeError(`SCALE input ends at ${this.bytes.length}, needs ${at + n}`);
    this.offset = at + n;
    return at;
  }

  compact(): bigint | number {
    const first = this.bytes[this.take(1)]!;
    switch (first & 3) {
      case 0:
        return first >> 2;
      case 1:
        return (first | (this.bytes[this.take(1)]! << 8)) >> 2;
      case 2:
        this.offset -= 1;
        return this.view.getUint32(this.take(4), true) >>> 2;
      default: {
        const len = (first >> 2) + 4;
        const at = this.take(len);
        let v = 0n;
        for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[at + i]!);
        return v;
      }
    }
  }

  uint(bytes: number): number | bigint {
    if (bytes === 1) return this.bytes[this.take(1)]!;
    if (bytes === 2) return this.view.getUint16(this.take(2), true);
    if (bytes === 4) return this.view.getUint32(this.take(4), true);
    const at = this.take(bytes);
    let v = 0n;
    for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[at + i]!);
    return v;
  }

  length(): number {
    return Number(this.compact());
  }
}

const WIDTH: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, u256: 32 };

/** Builds the decoder for `type` (a polkadot.js type string such as `Option<PalletSubtensor…>`). */
export function planDecoder(registry: Registry, type: string): (bytes: Uint8Array) => Decoded {
  const ss58 = registry.chainSS58 ?? 42;
  const cache = new Map<string, Step>();

  const plan = (raw: string): Step => {
    const t = raw.replace(/\s+/g, '');
    const known = cache.get(t);
    if (known !== undefined) return known;
    // Recursive types resolve through the cache entry created before their body is planned.
    let inner: Step = () => {
      throw new UnsupportedScaleType(`recursive type ${t}`);
    };
    cache.set(t, (r) => inner(r));
    inner = build(t);
    cache.set(t, inner);
    return inner;
  };

  const build = (t: string): Step => {
    if (t === 'bool') return (r) => r.bytes[r.take(1)] === 1;
    // parity-scale-codec packs Option<bool> into one byte; leave that special case to polkadot.js.
    if (t === 'Option<bool>') throw new UnsupportedScaleType(t);
    if (t in WIDTH) {
      const w = WIDTH[t]!;
      return (r) => r.uint(w);
    }
    if (/^i(8|16|32|64|128)$/.test(t)) {
      const bits = BigInt(Number(t.slice(1)));
      return (r) => {
        const u = BigInt(r.uint(Number(bits) / 8));
        return u >= 1n << (bits - 1n) ? u - (1n << bits) : u;
      };
    }
    if (t === 'AccountId' || t === 'AccountId32') {
      return (r) => encodeAddress(r.bytes.subarray(r.take(32), r.offset), ss58);
    }
    if (t === 'Bytes' || t === 'Vec<u8>') {
      return (r) => u8aToHex(r.bytes.subarray(r.take(r.length()), r.offset));
    }
    const generic = /^(Compact|Vec|Option)<(.+)>$/.exec(t);
    if (generic !== null) {
      const [, kind, arg] = generic as unknown as [string, string, string];
      if (kind === 'Compact') {
        const w = WIDTH[arg];
        if (w === undefined) throw new UnsupportedScaleType(t);
        return w <= 4 ? (r) => Number(r.compact()) : (r) => BigInt(r.compact());
      }
      const item = plan(arg);
      if (kind === 'Vec') {
        return (r) => {
          const n = r.length();
          const out: Decoded[] = new Array(n);
          for (let i = 0; i < n; i++) out[i] = item(r);
          return out;
        };
      }
      return (r) => (r.bytes[r.take(1)] === 0 ? null : item(r));
    }
    if (t.startsWith('(') && t.endsWith(')')) {
      const items = splitTopLevel(t.slice(1, -1)).map(plan);
      return (r) => items.map((step) => step(r));
    }
    if (t.startsWith('{')) {
      const fields = JSON.parse(t) as Record<string, unknown>;
      if ('_enum' in fields || '_set' in fields || !isStringRecord(fields)) throw new UnsupportedScaleType(t);
      return struct(fields);
    }
    return named(t);
  };

  const struct = (fields: Record<string, string>): Step => {
    const steps = Object.entries(fields).map(([name, ft]) => [name, plan(ft)] as const);
    return (r) => {
      const out: { [key: string]: Decoded } = {};
      for (const [name, step] of steps) out[name] = step(r);
      return out;
    };
  };

  // Named and lookup types (`PalletSubtensorAxonInfo`, `Lookup0`) resolve to their raw definition:
  // a struct's field JSON, `AccountId`, `Bytes`, a primitive.
  const named = (t: string): Step => {
    let rawType: string;
    try {
      rawType = registry.createType(t).toRawType();
    } catch (error) {
      throw new UnsupportedScaleType(`${t}: ${(error as Error).message}`);
    }
    if (rawType.replace(/\s+/g, '') === t) throw new UnsupportedScaleType(t);
    return plan(rawType);
  };

  const root = plan(type);
  return (bytes) => {
    const r = new Reader(bytes);
    const value = root(r);
    if (r.offset !== bytes.length) {
      throw new RangeError(`SCALE ${type}: ${bytes.length - r.offset} bytes left over`);
    }
    return value;
  };
}

function isStringRecord(value: Record<string, unknown>): value is Record<string, string> {
  return Object.values(value).every((v) => typeof v === 'string');
}

/** `A,Vec<(B,C)>,D` → ['A', 'Vec<(B,C)>', 'D']. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '<' || c === '(' || c === '[' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  if (start < list.length) out.push(list.slice(start));
  return out;
}
