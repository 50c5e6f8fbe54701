/**
 * Cosine similarity as torch.nn.functional.cosine_similarity computes it: each norm clamped to at
 * least `eps` (1e-3 in the reference's check), in float64.
 */
export function cosineSimilarity(a: Float32Array, b: Float32Array, eps = 1e-3): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / (Math.max(Math.sqrt(na), eps) * Math.max(Math.sqrt(nb), eps));
}

/**
 * Cosine of the parts of `a` and `b` orthogonal to `x`. Replay compares the x0 a miner's frame implies
 * with the x0 the validator computes, after removing the current latent's direction: x0 = (x − s·ε)/α,
 * so these components are −(s/α) times those of ε, and what is left is the model's own contribution —
 * not the latent both sides already share, which makes plain cosines ≈ 1 for any model.
 */
export function cosineOrthogonalTo(x: Float32Array, a: Float32Array, b: Float32Array, eps = 1e-3): number {
  let xx = 0;
  let xa = 0;
  let xb = 0;
  for (let i = 0; i < x.length; i++) {
    xx += x[i]! * x[i]!;
    xa += x[i]! * a[i]!;
    xb += x[i]! * b[i]!;
  }
  const ka = xx > 0 ? xa / xx : 0;
  const kb = xx > 0 ? xb / xx : 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < x.length; i++) {
    const u = a[i]! - ka * x[i]!;
    const v = b[i]! - kb * x[i]!;
    dot += u * v;
    na += u * u;
    nb += v * v;
  }
  return dot / (Math.max(Math.sqrt(na), eps) * Math.max(Math.sqrt(nb), eps));
}
