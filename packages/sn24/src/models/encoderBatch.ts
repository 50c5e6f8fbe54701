/** One padded batch for a transformer text encoder: each tensor [rows, length] int64. */
export interface EncoderBatch {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  dims: [number, number];
}

/** Pads token rows to the longest one with `pad`, masking the padding out. */
export function padRows(rows: readonly number[][], pad: number): EncoderBatch {
  const length = Math.max(1, ...rows.map((r) => r.length));
  const inputIds = new BigInt64Array(rows.length * length).fill(BigInt(pad));
  const attentionMask = new BigInt64Array(rows.length * length);
  rows.forEach((r, i) => {
    r.forEach((id, j) => {
      inputIds[i * length + j] = BigInt(id);
      attentionMask[i * length + j] = 1n;
    });
  });
  return {
    inputIds,
    attentionMask,
    tokenTypeIds: new BigInt64Array(rows.length * length),
    dims: [rows.length, length],
  };
}
