import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { cosineSimilarity } from '../cosine.js';

// A stand-in for Pinecone's data plane (no "Pinecone Local" runs here): the JSON routes the
// official SDK calls, with its field names, and cosine scoring done independently in float64.

const meta = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const upsertBody = z.object({
  vectors: z.array(z.object({ id: z.string(), values: z.array(z.number()), metadata: meta.optional() })),
  namespace: z.string().optional(),
});
const queryBody = z.object({
  vector: z.array(z.number()),
  topK: z.number().int(),
  namespace: z.string().optional(),
  includeMetadata: z.boolean().optional(),
});
const deleteBody = z.object({ ids: z.array(z.string()).optional(), namespace: z.string().optional() });

interface Stored {
  values: number[];
  metadata: z.infer<typeof meta> | undefined;
}

export interface FakePinecone {
  url: string;
  /** Every request seen: method, path and the api-key header, for wire assertions. */
  requests: { method: string; path: string; apiKey: string | undefined; apiVersion: string | undefined }[];
  close(): Promise<void>;
}

export async function startFakePinecone(options: {
  apiKey: string;
  dimension: number;
  indexName?: string;
}): Promise<FakePinecone> {
  let url = '';
  const namespaces = new Map<string, Map<string, Stored>>();
  const ns = (name = '') => {
    const m = namespaces.get(name) ?? new Map<string, Stored>();
    namespaces.set(name, m);
    return m;
  };
  const requests: FakePinecone['requests'] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { message: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const apiKey = header(req, 'api-key');
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      apiKey,
      apiVersion: header(req, 'x-pinecone-api-version'),
    });
    if (apiKey !== options.apiKey)
      return send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'Invalid API Key' } });
    const describe = /^\/indexes\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && describe) {
      // Control plane (2026-07 index model): how the SDK finds a data-plane host from a name.
      if (describe[1] !== options.indexName)
        return send(res, 404, { error: { code: 'NOT_FOUND', message: `Resource ${describe[1]} not found` } });
      return send(res, 200, {
        name: options.indexName,
        host: url,
        status: { ready: true, state: 'Ready' },
        deployment: { deployment_type: 'managed', cloud: 'aws', region: 'us-east-1' },
        schema: {
          fields: { values: { type: 'dense_vector', dimension: options.dimension, metric: 'cosine' } },
        },
        deletion_protection: 'disabled',
      });
    }
    const raw = await readBody(req);
    const body: unknown = raw.length === 0 ? {} : JSON.parse(raw);
    switch (`${req.method} ${req.url}`) {
      case 'POST /vectors/upsert': {
        const b = upsertBody.parse(body);
        for (const v of b.vectors) {
          if (v.values.length !== options.dimension) {
            return send(res, 400, {
              code: 3,
              message: `Vector dimension ${v.values.length} does not match the dimension of the index ${options.dimension}`,
            });
          }
          ns(b.namespace).set(v.id, { values: v.values, metadata: v.metadata });
        }
        return send(res, 200, { upsertedCount: b.vectors.length });
      }
      case 'POST /query': {
        const b = queryBody.parse(body);
        const matches = [...ns(b.namespace).entries()]
          .map(([id, s]) => ({ id, score: cosineSimilarity(b.vector, s.values), metadata: s.metadata }))
          .sort((a, c) => c.score - a.score)
          .slice(0, b.topK)
          .map((m) => (b.includeMetadata && m.metadata !== undefined ? m : { id: m.id, score: m.score }));
        return send(res, 200, { matches, namespace: b.namespace ?? '', usage: { readUnits: 5 } });
      }
      case 'POST /vectors/delete': {
        const b = deleteBody.parse(body);
        for (const id of b.ids ?? []) ns(b.namespace).delete(id);
        return send(res, 200, {});
      }
      case 'POST /describe_index_stats': {
        const out: Record<string, { vectorCount: number }> = {};
        let total = 0;
        for (const [name, m] of namespaces) {
          if (m.size === 0) continue;
          out[name] = { vectorCount: m.size };
          total += m.size;
        }
        return send(res, 200, {
          namespaces: out,
          dimension: options.dimension,
          indexFullness: 0,
          totalVectorCount: total,
        });
      }
      default:
        return send(res, 404, { message: `no route ${req.method} ${req.url}` });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
