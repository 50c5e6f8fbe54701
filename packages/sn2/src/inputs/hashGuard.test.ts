import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { DuplicateInputError, HashGuard } from './hashGuard.js';
import { generateMlpInputs } from './mlpInputs.js';
import { generatePowInputs } from './powInputs.js';
import { seededRng } from './random.js';

describe('canonicalJson', () => {
  it('writes JSON like Python json.dumps(sort_keys=True)', () => {
    expect(canonicalJson({ b: [1, 2], a: { d: true, c: null }, e: 'é' })).toBe(
      '{"a": {"c": null, "d": true}, "b": [1, 2], "e": "\\u00e9"}',
    );
    expect(canonicalJson({ x: 5n })).toBe('{"x": 5}');
  });
});

describe('HashGuard', () => {
  it('refuses the same inputs twice, whatever the key order', () => {
    const guard = new HashGuard();
    guard.admit({ a: 1, b: [2] });
    expect(() => guard.admit({ b: [2], a: 1 })).toThrow(DuplicateInputError);
    guard.admit({ a: 1, b: [3] });
    expect(guard.size).toBe(2);
  });

  it('forgets the oldest hash beyond its capacity', () => {
    const guard = new HashGuard(3);
    for (let i = 0; i < 4; i++) guard.admit({ i });
    expect(guard.size).toBe(3);
    guard.admit({ i: 0 });
    expect(() => guard.admit({ i: 3 })).toThrow(DuplicateInputError);
  });

  it('fresh() retries a generator until it yields unseen inputs, and gives up on a constant one', () => {
    const guard = new HashGuard();
    const rng = seededRng(1);
    for (let i = 0; i < 50; i++) guard.fresh(() => generateMlpInputs(rng));
    expect(guard.size).toBe(50);
    guard.admit({ same: 1 });
    expect(() => guard.fresh(() => ({ same: 1 }), 3)).toThrow(/lacks a nonce/);
  });

  it('generated inputs always carry a nonce: PoW batches and MLP requests differ', () => {
    const guard = new HashGuard();
    for (let i = 0; i < 20; i++) {
      guard.admit(generatePowInputs(4));
      guard.admit(generateMlpInputs());
    }
    const a = generatePowInputs(4, seededRng(9));
    expect(a.validator_uid.every((v) => v >= 0n && v < 65536n)).toBe(true);
  });
});
