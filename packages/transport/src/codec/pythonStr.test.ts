import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonRepr, pythonStr } from './pythonStr.js';

describe('pythonStr (CPython str() semantics, spec §1.5)', () => {
  it('formats floats like repr(float)', () => {
    const cases: [number, string][] = [
      [4, '4.0'],
      [0.1, '0.1'],
      [1e-5, '1e-05'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [0.0001, '0.0001'],
      [1.5e-7, '1.5e-07'],
      [-2.5, '-2.5'],
      [123456789.125, '123456789.125'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [5e-324, '5e-324'],
      [0, '0.0'],
      [-0, '-0.0'],
      [Number.NaN, 'nan'],
      [Number.POSITIVE_INFINITY, 'inf'],
      [12, '12.0'],
    ];
    for (const [x, want] of cases) expect(pythonFloatRepr(x)).toBe(want);
  });

  it('prints scalars, lists and dicts like str()', () => {
    expect(pythonStr('hello')).toBe('hello');
    expect(pythonStr(4)).toBe('4');
    expect(pythonStr(4, 'float')).toBe('4.0');
    expect(pythonStr(1_700_000_000_000_000_000n)).toBe('1700000000000000000');
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(false)).toBe('False');
    expect(pythonStr(null)).toBe('None');
    expect(pythonStr(['a', 'b'])).toBe("['a', 'b']");
    expect(pythonStr([1, 2])).toBe('[1, 2]');
    expect(pythonStr([1, 2], 'float')).toBe('[1.0, 2.0]');
    expect(pythonStr([0.5, 1])).toBe('[0.5, 1]');
    expect(pythonStr({ k: 1 })).toBe("{'k': 1}");
    expect(pythonStr({ a: [null, true], b: { c: 'x' } })).toBe("{'a': [None, True], 'b': {'c': 'x'}}");
    expect(pythonStr([])).toBe('[]');
    expect(pythonStr({})).toBe('{}');
  });

  it('quotes strings inside containers like repr(str)', () => {
    expect(pythonRepr("it's")).toBe('"it\'s"');
    expect(pythonRepr('say "hi"')).toBe('\'say "hi"\'');
    expect(pythonRepr('both \' and "')).toBe("'both \\' and \"'");
    expect(pythonRepr('a\nb\tc\\')).toBe("'a\\nb\\tc\\\\'");
    expect(pythonRepr('\u0001\u007f')).toBe("'\\x01\\x7f'");
    expect(pythonRepr('héllo ✓ 日本')).toBe("'héllo ✓ 日本'");
  });
});
