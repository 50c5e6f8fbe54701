import { Pinecone } from '@pinecone-database/pinecone';
import { RemoteIndexError } from './errors.js';
import type { QueryOptions, VectorIndex, VectorMatch, VectorMetadata, VectorRecord } from './types.js';
import { validateTopK, validateVector } from './validateVector.js';

export interface PineconeIndexOptions {
  apiKey: string;
  /** Index name (as created in the Pinecone console, cosine metric). */
  indexName: string;
  dimension: number;
  /** Data-plane host of the index; skips the name → host look-up (and lets tests use a local server). */
  host?: string;
  /** Control-plane URL; default Pinecone's. */
  controllerHostUrl?: string;
  namespace?: string;
  /** Retries inside the SDK (default its own). */
  maxRetries?: number;
  /** Upsert batch size (Pinecone limits a request to ~2 MB; 100 × 1024 floats fits). */
  batchSize?: number;
}

const UPSERT_BATCH = 100;

/** The remote backend: the official SDK, behind the same VectorIndex contract as the embedded one. */
export function createPineconeIndex(options: PineconeIndexOptions): VectorIndex {
  const pc = new Pinecone({
    apiKey: options.apiKey,
    ...(options.controllerHostUrl === undefined ? {} : { controllerHostUrl: options.controllerHostUrl }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const index = pc.index<VectorMetadata>({
    name: options.indexName,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
  });
  const dimension = options.dimension;
  const batch = options.batchSize ?? UPSERT_BATCH;

  async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      // The SDK's messages can echo request URLs but never the key; keep only the message.
      const reason = err instanceof Error ? err.message : String(err);
      throw new RemoteIndexError(`Pinecone ${operation} failed: ${reason}`, { operation, cause: err });
    }
  }

  async function query(vector: ArrayLike<number>, opts: QueryOptions = {}): Promise<VectorMatch[]> {
    validateVector(vector, dimension);
    const topK = opts.topK ?? 1;
    validateTopK(topK);
    const res = await call('query', () =>
      index.query({ vector: Array.from(vector), topK, includeMetadata: true, includeValues: false }),
    );
    return (res.matches ?? []).map((m) => {
      const score = m.score ?? 0;
      return m.metadata === undefined ? { id: m.id, score } : { id: m.id, score, metadata: m.metadata };
    });
  }

  return {
    dimension,
    async upsert(records: readonly VectorRecord[]) {
      for (const r of records) validateVector(r.values, dimension, r.id);
      for (let i = 0; i < records.length; i += batch) {
        const slice = records.slice(i, i + batch).map((r) => ({
          id: r.id,
          values: Array.from(r.values),
          ...(r.metadata === undefined ? {} : { metadata: r.metadata }),
        }));
        await call('upsert', () => index.upsert({ records: slice }));
      }
    },
    query,
    async queryMany(vectors: readonly ArrayLike<number>[], opts: QueryOptions = {}) {
      for (const v of vectors) validateVector(v, dimension);
      // Pinecone has no multi-vector query; a handful of parallel requests.
      return Promise.all(vectors.map((v) => query(v, opts)));
    },
    async delete(ids: readonly string[]) {
      if (ids.length === 0) return;
      await call('delete', () => index.deleteMany({ ids: [...ids] }));
    },
    async count() {
      const stats = await call('describeIndexStats', () => index.describeIndexStats());
      if (options.namespace !== undefined) return stats.namespaces?.[options.namespace]?.recordCount ?? 0;
      return stats.totalRecordCount ?? 0;
    },
    async close() {},
  };
}
