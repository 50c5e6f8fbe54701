import { cosineSimilarity } from '@taonode/store';

/** An embedding as the scoring functions take it: any array-like of numbers. */
export type Vec = ArrayLike<number>;

/** Cosine similarity as torch computes it for SN24 (float64 here; 0 for a zero vector). */
export const cos = (a: Vec, b: Vec): number => cosineSimilarity(a, b);
