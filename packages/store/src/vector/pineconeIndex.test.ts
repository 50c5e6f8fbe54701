import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteIndexError } from './errors.js';
import { createPineconeIndex, type PineconeIndexOptions } from './pineconeIndex.js';
import { type FakePinecone, startFakePinecone } from './testing/fakePineconeServer.js';
import { CONTRACT_DIM, vectorIndexContract } from './testing/vectorIndexContract.js';

let server: FakePinecone;
beforeAll(async () => {
  server = await startFakePinecone({ apiKey: 'pc-test-key', dimension: CONTRACT_DIM, indexName: 'emb' });
});
afterAll(async () => {
  await server.close();
});

/** Our fake server's index; `over` changes the key, host or namespace. */
const pinecone = (over: Partial<PineconeIndexOptions> = {}) =>
  createPineconeIndex({
    apiKey: 'pc-test-key',
    indexName: 'emb',
    dimension: CONTRACT_DIM,
    host: server.url,
    controllerHostUrl: server.url,
    maxRetries: 0,
    ...over,
  });

describe('Pinecone index through the official SDK against a local server', () => {
  let n = 0;
  vectorIndexContract(async () => pinecone({ namespace: `ns${n++}` })); // a fresh, empty index per case

  it('sends the api key and API version headers to the data-plane routes', () => {
    const paths = new Set(server.requests.map((r) => `${r.method} ${r.path}`));
    expect(paths).toContain('POST /vectors/upsert');
    expect(paths).toContain('POST /query');
    expect(paths).toContain('POST /vectors/delete');
    expect(paths).toContain('POST /describe_index_stats');
    expect(server.requests.every((r) => r.apiKey === 'pc-test-key')).toBe(true);
    expect(server.requests.every((r) => /^\d{4}-\d{2}$/.test(r.apiVersion ?? ''))).toBe(true);
  });

  it('finds the data-plane host from the index name through the control plane (controllerHostUrl)', async () => {
    const ix = pinecone({ host: undefined, namespace: 'by-name' });
    await ix.upsert([{ id: 'n1', values: [0, 0, 1, 0, 0, 0, 0, 0] }]);
    expect(await ix.count()).toBe(1);
    expect(server.requests.some((r) => r.method === 'GET' && r.path === '/indexes/emb')).toBe(true);
  });

  it('turns a server refusal into a RemoteIndexError without echoing the key', async () => {
    const ix = pinecone({ apiKey: 'wrong-key' });
    const err = await ix.count().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteIndexError);
    expect((err as Error).message).toMatch(/^Pinecone describeIndexStats failed/);
    expect((err as Error).message).not.toContain('wrong-key');
  });
});
