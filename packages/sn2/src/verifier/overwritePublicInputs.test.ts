import { describe, expect, it } from 'vitest';
import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import { FIELD_MODULUS } from '../zk/field.js';
import { InputShapeError, overwritePublicInputs } from './overwritePublicInputs.js';

describe('overwritePublicInputs', () => {
  it('writes the validator inputs after the outputs, in declaration order', () => {
    const def = mlpCircuit();
    const miner = [7n, 8n, 0n, 0n, 0n, 0n, 0n, 0n];
    const out = overwritePublicInputs(def, miner, { list_items: [1, -2, '3', true, false], nonce: 99n });
    expect(out).toEqual([7n, 8n, 1n, FIELD_MODULUS - 2n, 3n, 1n, 0n, 99n]);
  });

  it('keeps miner values for names the validator did not send', () => {
    const def = mlpCircuit();
    const miner = [7n, 8n, 1n, 2n, 3n, 4n, 5n, 6n];
    expect(overwritePublicInputs(def, miner, { nonce: 1 })).toEqual([7n, 8n, 1n, 2n, 3n, 4n, 5n, 1n]);
  });

  it('places scalars after the arrays for the PoW circuit', () => {
    const def = powCircuit(2);
    const miner = Array.from({ length: 4 * 2 + 11 * 2 + 9 }, () => 0n);
    const out = overwritePublicInputs(def, miner, { scaling: 100_000_000, maximum_score: [5, 6] });
    expect(out[8]).toBe(5n);
    expect(out[9]).toBe(6n);
    expect(out[8 + 22]).toBe(100_000_000n);
  });

  it('refuses inputs of the wrong size or kind', () => {
    const def = mlpCircuit();
    const miner = Array.from({ length: 8 }, () => 0n);
    expect(() => overwritePublicInputs(def, miner, { list_items: [1, 2] })).toThrow(InputShapeError);
    expect(() => overwritePublicInputs(def, miner, { nonce: 0.5 })).toThrow(InputShapeError);
    expect(() => overwritePublicInputs(def, miner, { nonce: 'x' })).toThrow(InputShapeError);
    expect(() => overwritePublicInputs(def, miner.slice(1), {})).toThrow(InputShapeError);
  });
});
