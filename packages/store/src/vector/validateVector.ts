import { VectorInputError } from './errors.js';

/**
 * Rejects what a cosine index cannot hold, with the same message for every backend: wrong
 * length, a non-finite entry, or an all-zero vector (no direction, so no cosine).
 */
export function validateVector(values: ArrayLike<number>, dimension: number, id?: string): void {
  const what = id === undefined ? 'query vector' : `vector '${id}'`;
  if (values.length !== dimension) {
    throw new VectorInputError(`${what} has ${values.length} values, the index holds ${dimension}`, {
      id,
      expected: dimension,
      got: values.length,
    });
  }
  let nonZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new VectorInputError(`${what} has a non-finite value (${String(v)}) at index ${i}`, {
        id,
        index: i,
      });
    }
    if (v !== 0) nonZero = true;
  }
  if (!nonZero) throw new VectorInputError(`${what} is all zeros: it has no cosine with anything`, { id });
}

export function validateTopK(topK: number): void {
  if (!Number.isInteger(topK) || topK < 1 || topK > 10_000) {
    throw new VectorInputError(`topK must be an integer in 1..10000, got ${topK}`);
  }
}
