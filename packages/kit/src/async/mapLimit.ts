import pMap from 'p-map';

/**
 * Maps with at most `limit` calls of `fn` running at once (p-map underneath); results keep the
 * input order, and the first rejection rejects the whole map.
 */
export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R> | R,
): Promise<R[]> {
  return pMap(items, fn, { concurrency: Math.max(1, Math.floor(limit) || 1) });
}
