/** Dot product over the first `a.length` entries (4-way unrolled: this is the scan's hot loop). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, bOffset = 0): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[bOffset + i]!;
    s1 += a[i + 1]! * b[bOffset + i + 1]!;
    s2 += a[i + 2]! * b[bOffset + i + 2]!;
    s3 += a[i + 3]! * b[bOffset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[bOffset + i]!;
  return s0 + s1 + s2 + s3;
}

export function l2norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/**
 * Cosine similarity, computed in float64. 0 when either vector is all zeros (torch's
 * `cosine_similarity` clamps the norm with an epsilon, which gives the same 0).
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine of vectors of length ${a.length} and ${b.length}`);
  const na = l2norm(a);
  const nb = l2norm(b);
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / (na * nb);
}

/** `values / ‖values‖` as float32 (throws on a zero vector; check with validateVector first). */
export function normalized(values: ArrayLike<number>): Float32Array {
  const n = l2norm(values);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / n;
  return out;
}
