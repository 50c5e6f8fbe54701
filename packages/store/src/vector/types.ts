/** Metadata kept beside a vector (Pinecone's flat metadata model). */
export type VectorMetadata = Record<string, string | number | boolean>;

export interface VectorRecord {
  id: string;
  /** Any length-`dimension` vector; not required to be unit-norm (scores are cosine). */
  values: ArrayLike<number>;
  metadata?: VectorMetadata;
}

export interface VectorMatch {
  id: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
  metadata?: VectorMetadata;
}

export interface QueryOptions {
  /** How many nearest records to return, best first. Default 1. */
  topK?: number;
}

/**
 * A cosine vector index. Every implementation (embedded exact scan, Pinecone) passes the same
 * contract tests: same scores, same ordering, same errors for bad vectors.
 */
export interface VectorIndex {
  readonly dimension: number;
  /** Inserts or replaces records by id. */
  upsert(records: readonly VectorRecord[]): Promise<void>;
  /** The `topK` records most cosine-similar to `vector`; [] when the index is empty. */
  query(vector: ArrayLike<number>, options?: QueryOptions): Promise<VectorMatch[]>;
  /** `query` for several vectors at once (one scan for the embedded index); same order as given. */
  queryMany(vectors: readonly ArrayLike<number>[], options?: QueryOptions): Promise<VectorMatch[][]>;
  /** Removes records by id; unknown ids are ignored. */
  delete(ids: readonly string[]): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}
