import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the fake hub serves; `lfs` files report a sha256 like real model weights do. */
export interface FakeHubFile {
  path: string;
  content: Uint8Array;
  lfs: boolean;
  /** Bytes actually sent instead of `content` (to simulate corruption in transit or at rest). */
  served?: Uint8Array;
}

export interface FakeHub {
  url: string;
  /** Every request as "METHOD /path", in order. */
  requests: string[];
  close(): Promise<void>;
}

function gitOid(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}

function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function pathInfo(f: FakeHubFile, commit: string) {
  const base = { type: 'file', path: f.path, size: f.content.byteLength, oid: gitOid(f.content) };
  const lastCommit = { id: commit, title: 'add model', date: '2026-01-01T00:00:00.000Z' };
  if (!f.lfs) return { ...base, lastCommit };
  return {
    ...base,
    size: f.content.byteLength,
    lfs: { oid: sha256(f.content), size: f.content.byteLength, pointerSize: 134 },
    lastCommit,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function serveFile(req: IncomingMessage, res: ServerResponse, f: FakeHubFile, commit: string): void {
  const body = f.served ?? f.content;
  const headers: Record<string, string | number> = {
    'content-type': 'application/octet-stream',
    'accept-ranges': 'bytes',
    etag: `"${f.lfs ? sha256(f.content) : gitOid(f.content)}"`,
    'x-repo-commit': commit,
  };
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), body.byteLength - 1) : body.byteLength - 1;
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${body.byteLength}`,
      'content-length': end - start + 1,
    });
    res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * A local HTTP server speaking the part of the Hugging Face hub's wire format that model downloads
 * use: `POST /api/models/{repo}/paths-info/{commit}` and `GET|HEAD /{repo}/resolve/{commit}/{path}`.
 */
export async function startFakeHub(repo: string, commit: string, files: FakeHubFile[]): Promise<FakeHub> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    const info = `/api/models/${repo}/paths-info/`;
    if (req.method === 'POST' && url.pathname.startsWith(info)) {
      const rev = decodeURIComponent(url.pathname.slice(info.length));
      const body = await readBody(req);
      // The hub accepts JSON (what @huggingface/hub sends) and form bodies (what huggingface_hub sends).
      const wanted: string[] = req.headers['content-type']?.includes('json')
        ? (JSON.parse(body) as { paths: string[] }).paths
        : new URLSearchParams(body).getAll('paths');
      if (rev !== commit) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'Invalid rev id' }));
        return;
      }
      const out = files.filter((f) => wanted.includes(f.path)).map((f) => pathInfo(f, commit));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      return;
    }
    const resolve = `/${repo}/resolve/`;
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith(resolve)) {
      const rest = url.pathname.slice(resolve.length);
      const slash = rest.indexOf('/');
      const rev = decodeURIComponent(rest.slice(0, slash));
      const path = decodeURIComponent(rest.slice(slash + 1));
      const f = files.find((x) => x.path === path);
      if (rev === commit && f) {
        serveFile(req, res, f, commit);
        return;
      }
    }
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'Entry not found' }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
