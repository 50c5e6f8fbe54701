import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

// The slice of the Hugging Face Hub a commit with one LFS file goes through, as
// @huggingface/hub calls it: preupload → LFS batch (basic transfer) → PUT object → NDJSON commit.

const preuploadBody = z.object({ files: z.array(z.object({ path: z.string(), size: z.number() })) });
const batchBody = z.object({ objects: z.array(z.object({ oid: z.string(), size: z.number() })) });
const commitLine = z.object({ key: z.string(), value: z.record(z.string(), z.unknown()) });

export interface FakeHfHub {
  url: string;
  /** Committed files of each repo: `repo → path → bytes`. */
  repos: Map<string, Map<string, Uint8Array>>;
  commits: { repo: string; title: string; paths: string[] }[];
  /** Answer the next N commits with HTTP 500 (to test retries). */
  failNextCommits: number;
  close(): Promise<void>;
}

export async function startFakeHfHub(options: { token: string }): Promise<FakeHfHub> {
  const objects = new Map<string, Uint8Array>();
  const hub: FakeHfHub = {
    url: '',
    repos: new Map(),
    commits: [],
    failNextCommits: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '';
    const body = await readBody(req);
    let m = /^\/lfs-objects\/([0-9a-f]{64})$/.exec(url);
    if (req.method === 'PUT' && m) {
      const oid = m[1]!;
      if (createHash('sha256').update(body).digest('hex') !== oid)
        return send(res, 400, { error: 'sha256 mismatch' });
      objects.set(oid, body);
      return send(res, 200, {});
    }
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, { error: 'Invalid credentials in Authorization header' });
    m = /^\/api\/datasets\/([^/]+\/[^/]+)\/preupload\/([^/?]+)$/.exec(url);
    if (req.method === 'POST' && m) {
      const b = preuploadBody.parse(JSON.parse(body.toString('utf8')));
      return send(res, 200, {
        files: b.files.map((f) => ({ path: f.path, uploadMode: 'lfs', shouldIgnore: false })),
      });
    }
    m = /^\/datasets\/([^/]+\/[^/]+)\.git\/info\/lfs\/objects\/batch$/.exec(url);
    if (req.method === 'POST' && m) {
      const b = batchBody.parse(JSON.parse(body.toString('utf8')));
      return send(res, 200, {
        transfer: 'basic',
        objects: b.objects.map((o) =>
          objects.has(o.oid)
            ? { oid: o.oid, size: o.size }
            : { oid: o.oid, size: o.size, actions: { upload: { href: `${hub.url}/lfs-objects/${o.oid}` } } },
        ),
      });
    }
    m = /^\/api\/datasets\/([^/]+\/[^/]+)\/commit\/([^/?]+)$/.exec(url);
    if (req.method === 'POST' && m) {
      if (hub.failNextCommits > 0) {
        hub.failNextCommits--;
        return send(res, 500, { error: 'Internal Error - We are working hard to fix this' });
      }
      const repo = m[1]!;
      const lines = body
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => commitLine.parse(JSON.parse(l)));
      const files = hub.repos.get(repo) ?? new Map<string, Uint8Array>();
      const paths: string[] = [];
      for (const { key, value } of lines) {
        if (key !== 'lfsFile') continue;
        const bytes = objects.get(String(value.oid));
        if (bytes === undefined)
          return send(res, 400, { error: `LFS object ${String(value.oid)} was never uploaded` });
        files.set(String(value.path), bytes);
        paths.push(String(value.path));
      }
      hub.repos.set(repo, files);
      const title = String(lines.find((l) => l.key === 'header')?.value.summary ?? '');
      hub.commits.push({ repo, title, paths });
      const oid = createHash('sha1').update(String(hub.commits.length)).digest('hex');
      return send(res, 200, { commitOid: oid, commitUrl: `${hub.url}/datasets/${repo}/commit/${oid}` });
    }
    return send(res, 404, { error: `no route ${req.method} ${url}` });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hub;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
