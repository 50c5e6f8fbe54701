import { describe, expect, it } from 'vitest';
import {
  JsonSyntaxError,
  parseLosslessJson,
  parseLosslessJsonExact,
  stringifyLosslessJson,
} from './losslessJson.js';

describe('lossless JSON', () => {
  it('keeps integers beyond 2^53 exact and round-trips them', () => {
    const text =
      '{"nonce":1700000000000000123,"f":12.0,"n":-5,"e":1e21,"s":"a\\"b\\u00e9","a":[true,false,null]}';
    const v = parseLosslessJson(text) as Record<string, unknown>;
    expect(v.nonce).toBe(1_700_000_000_000_000_123n);
    expect(v.f).toBe(12);
    expect(v.n).toBe(-5);
    expect(v.e).toBe(1e21);
    expect(v.s).toBe('a"bé');
    expect(stringifyLosslessJson(v)).toBe(
      '{"nonce":1700000000000000123,"f":12,"n":-5,"e":1e+21,"s":"a\\"bé","a":[true,false,null]}',
    );
  });

  it('agrees with JSON.parse on ordinary documents', () => {
    const docs = [
      '[]',
      '{}',
      ' {"a" : [1, 2.5, -0.1e-3, "x\\ny"], "b": {"c": null}} ',
      '"\\ud83d\\ude00"',
      '0',
    ];
    for (const d of docs) expect(parseLosslessJson(d)).toEqual(JSON.parse(d));
  });

  it('rejects malformed input with a position', () => {
    for (const bad of [
      '',
      '{',
      '{"a":}',
      '[1,]',
      '{"a":1}x',
      'tru',
      '"abc',
      '{"a" 1}',
      '01',
      '"\u0001"',
      '{a:1}',
    ]) {
      expect(() => parseLosslessJson(bad), bad).toThrow(JsonSyntaxError);
    }
  });

  it('limits nesting depth instead of overflowing the stack', () => {
    expect(() => parseLosslessJson('['.repeat(100_000))).toThrow(/too deep/);
  });

  it('does not let __proto__ keys touch the prototype', () => {
    const v = parseLosslessJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('writes bigints at any depth and agrees with JSON.stringify elsewhere', () => {
    const deep = {
      a: { b: [1, { c: 12345678901234567890n }] },
      d: { e: 'x', f: undefined },
      g: [Number.NaN],
    };
    expect(stringifyLosslessJson(deep)).toBe(
      '{"a":{"b":[1,{"c":12345678901234567890}]},"d":{"e":"x"},"g":[null]}',
    );
    const plain = { s: 'é"\n', n: [1.5, -0, null], o: { t: true, u: undefined, d: new Date(0) } };
    expect(stringifyLosslessJson(plain)).toBe(JSON.stringify(plain));
  });

  it('fast path agrees with the exact parser, including texts built to fool it', () => {
    const docs = [
      // A real request body shape: nonces in both terminals.
      '{"name":"Dummy","dendrite":{"nonce":1763000000000000123,"uuid":"u"},"axon":{"nonce":1763000000000000456},"x":1}',
      // Digits after `{"…":` inside a string value: rewriting them must not leak into the string.
      '{"a{":": 12345678901234567890,x","n":12345678901234567890}',
      '{"s":"{\\"k\\":12345678901234567890}","t":"a,\\"k\\": 12345678901234567890}"}',
      // Big integers the member rewrite does not cover: array items, exponents, escaped keys.
      '[12345678901234567890,1]',
      '{"a":[1,{"b":-98765432109876543210}],"c":1e300,"d":12345678901234567.5}',
      '{"k\\"x":12345678901234567890}',
      // Marker look-alikes and prototype keys.
      '{"s":"\\u0000big:123","n":12345678901234567890}',
      '{"__proto__":12345678901234567890,"o":{"__proto__":{"p":1}}}',
      '{"n" : 9007199254740993 , "m":9007199254740991}',
    ];
    // Invalid JSON stays invalid after the rewrite (leading zeros).
    expect(() => parseLosslessJson('{"a":00000000000000001}')).toThrow(JsonSyntaxError);
    for (const d of docs) {
      const exact = parseLosslessJsonExact(d);
      expect(parseLosslessJson(d), d).toEqual(exact);
      expect(stringifyLosslessJson(parseLosslessJson(d)), d).toBe(stringifyLosslessJson(exact));
    }
    const proto = parseLosslessJson('{"__proto__":12345678901234567890}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toBe(12345678901234567890n);
  });

  it("fast path keeps the exact parser's nesting limit and errors", () => {
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(() => parseLosslessJsonExact(deep(300))).toThrow(/too deep/);
    expect(() => parseLosslessJson(deep(300))).toThrow(/too deep/);
    expect(parseLosslessJson(deep(200))).toEqual(parseLosslessJsonExact(deep(200)));
    expect(() => parseLosslessJson('{"a":12345678901234567890')).toThrow(JsonSyntaxError);
  });

  it('writes marker look-alike strings as strings (fast path falls back)', () => {
    const v = { a: '\u00000', b: { n: 5n, s: '\u00001' }, c: [7n, '\u00009'], d: { '\u00000': 1n } };
    expect(stringifyLosslessJson(v)).toBe(
      '{"a":"\\u00000","b":{"n":5,"s":"\\u00001"},"c":[7,"\\u00009"],"d":{"\\u00000":1}}',
    );
    expect(stringifyLosslessJson(3n)).toBe('3');
    expect(stringifyLosslessJson({ deep: { er: { n: 1n } } })).toBe('{"deep":{"er":{"n":1}}}');
  });
});
