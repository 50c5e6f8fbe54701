import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseLosslessJson, stringifyLosslessJson } from './losslessJson.js';

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
});
