import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

// A local server speaking the part of the Hugging Face Hub's HTTP API that SN21 uses through
// @huggingface/hub: repo info at a revision (with createdAt), recursive tree listing, paths-info,
// file resolve with ranges, repo creation, and commits (preupload → LFS batch "basic" transfer →
// PUT object → NDJSON commit). Repos keep every commit, so a pinned revision stays readable after
// later pushes, as on the real hub.

export type RepoType = 'model' | 'dataset';

interface StoredFile {
  content: Uint8Array;
  lfs: boolean;
}

interface Commit {
  oid: string;
  title: string;
  files: Map<string, StoredFile>;
  date: Date;
}

interface Repo {
  type: RepoType;
  id: string;
  createdAt: Date;
  commits: Commit[];
}

export interface FakeModelHubOptions {
  /** Bearer token writes need; reads are anonymous (public repos). */
  token: string;
  /** Files this size or larger (or .onnx / .parquet / *_data) go through LFS, like on the hub. */
  lfsThreshold?: number;
  now?: () => Date;
  /** Where to listen: 127.0.0.1 and any free port by default. */
  host?: string;
  port?: number;
}

export interface FakeModelHub {
  url: string;
  /** Every request as "METHOD /path?query". */
  requests: string[];
  /** When set, every request is answered with this status (503: down, 429: rate limited). */
  failWith: number | undefined;
  /** Creates a repo directly (no HTTP), optionally with a first commit; returns its commit oid. */
  seedRepo(
    id: string,
    options?: { type?: RepoType; createdAt?: Date; files?: Record<string, Uint8Array | string> },
  ): string | undefined;
  /** Adds a commit directly (no HTTP); returns its oid. Files not named stay as they were. */
  seedCommit(
    id: string,
    files: Record<string, Uint8Array | string>,
    options?: { type?: RepoType; title?: string },
  ): string;
  /** The files of a repo at a revision (a commit oid or "main"). */
  filesAt(id: string, revision?: string, type?: RepoType): Map<string, Uint8Array> | undefined;
  close(): Promise<void>;
}

const gitOid = (b: Uint8Array) => createHash('sha1').update(`blob ${b.byteLength}\0`).update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (v: Uint8Array | string) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);

const createBody = z.object({
  name: z.string(),
  organization: z.string().optional(),
  type: z.string().optional(),
});
const preuploadBody = z.object({ files: z.array(z.object({ path: z.string(), size: z.number() })) });
const batchBody = z.object({ objects: z.array(z.object({ oid: z.string(), size: z.number() })) });
const pathsBody = z.object({ paths: z.array(z.string()) });
const commitLine = z.object({ key: z.string(), value: z.record(z.string(), z.unknown()) });

export async function startFakeModelHub(options: FakeModelHubOptions): Promise<FakeModelHub> {
  const now = options.now ?? (() => new Date());
  const threshold = options.lfsThreshold ?? 10_000;
  const repos = new Map<string, Repo>();
  const objects = new Map<string, Uint8Array>();
  let commitCounter = 0;
  const key = (type: RepoType, id: string) => `${type}:${id}`;

  const isLfs = (path: string, size: number) =>
    size >= threshold || /\.(onnx|parquet|safetensors)$|_data(_\d+)?$/.test(path);

  function newCommit(repo: Repo, changes: Map<string, StoredFile | null>, title: string): Commit {
    const parent = repo.commits.at(-1);
    const files = new Map(parent?.files ?? []);
    for (const [path, f] of changes) {
      if (f === null) files.delete(path);
      else files.set(path, f);
    }
    const oid = createHash('sha1').update(`${repo.id}\0${++commitCounter}\0${title}`).digest('hex');
    const commit = { oid, title, files, date: now() };
    repo.commits.push(commit);
    return commit;
  }

  function resolveRev(repo: Repo, rev: string): Commit | undefined {
    if (rev === 'main' || rev === 'HEAD') return repo.commits.at(-1);
    return repo.commits.find((c) => c.oid === rev);
  }

  const hub: FakeModelHub = {
    url: '',
    requests: [],
    failWith: undefined,
    seedRepo(id, o = {}) {
      const type = o.type ?? 'model';
      const repo: Repo = { type, id, createdAt: o.createdAt ?? now(), commits: [] };
      repos.set(key(type, id), repo);
      if (o.files === undefined) return undefined;
      return hub.seedCommit(id, o.files, { type, title: 'initial commit' });
    },
    seedCommit(id, files, o = {}) {
      const repo = repos.get(key(o.type ?? 'model', id));
      if (repo === undefined) throw new Error(`no repo ${id}`);
      const changes = new Map<string, StoredFile>();
      for (const [path, v] of Object.entries(files)) {
        const b = bytes(v);
        changes.set(path, { content: b, lfs: isLfs(path, b.byteLength) });
      }
      return newCommit(repo, changes, o.title ?? 'update').oid;
    },
    filesAt(id, revision = 'main', type = 'model') {
      const repo = repos.get(key(type, id));
      const c = repo && resolveRev(repo, revision);
      return c && new Map([...c.files].map(([p, f]) => [p, f.content]));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
  const notFound = (res: ServerResponse, code: string, message: string) =>
    send(res, 404, { error: message }, { 'x-error-code': code });

  function findRepo(type: RepoType, id: string, res: ServerResponse): Repo | undefined {
    const repo = repos.get(key(type, id));
    if (repo === undefined) notFound(res, 'RepoNotFound', `Repository not found: ${id}`);
    return repo;
  }
  function findCommit(repo: Repo, rev: string, res: ServerResponse): Commit | undefined {
    const c = resolveRev(repo, decodeURIComponent(rev));
    if (c === undefined) notFound(res, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    return c;
  }

  function entry(path: string, f: StoredFile) {
    const base = { type: 'file', path, size: f.content.byteLength, oid: gitOid(f.content) };
    return f.lfs
      ? { ...base, lfs: { oid: sha256(f.content), size: f.content.byteLength, pointerSize: 134 } }
      : base;
  }

  function tree(c: Commit, prefix: string, recursive: boolean) {
    const out: unknown[] = [];
    const dirs = new Set<string>();
    const start = prefix === '' ? '' : `${prefix}/`;
    for (const [path, f] of [...c.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (!path.startsWith(start)) continue;
      const rest = path.slice(start.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) {
        const dir = start + rest.slice(0, slash);
        if (!dirs.has(dir)) {
          dirs.add(dir);
          out.push({
            type: 'directory',
            path: dir,
            size: 0,
            oid: createHash('sha1').update(dir).digest('hex'),
          });
        }
        if (!recursive) continue;
      }
      out.push(entry(path, f));
    }
    return out;
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, c: Commit, f: StoredFile): void {
    const body = f.content;
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${f.lfs ? sha256(body) : gitOid(body)}"`,
      'x-repo-commit': c.oid,
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && body.byteLength > 0) {
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

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${options.token}`;
  const repoPart = '([A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*)';
  const typeOf = (plural: string | undefined): RepoType => (plural === 'datasets' ? 'dataset' : 'model');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    hub.requests.push(`${method} ${path}${url.search}`);
    if (hub.failWith !== undefined) {
      await readBody(req);
      return send(res, hub.failWith, { error: 'Service unavailable' });
    }
    const body = await readBody(req);
    let m: RegExpExecArray | null = null;

    m = method === 'PUT' ? /^\/lfs-objects\/([0-9a-f]{64})$/.exec(path) : null;
    if (m) {
      if (sha256(body) !== m[1]) return send(res, 400, { error: 'sha256 mismatch' });
      objects.set(m[1]!, new Uint8Array(body));
      return send(res, 200, {});
    }
    if (path === '/api/repos/create' && method === 'POST') {
      if (!authorized(req)) return send(res, 401, { error: 'Invalid credentials in Authorization header' });
      const b = createBody.parse(JSON.parse(body.toString('utf8')));
      const type: RepoType = b.type === 'dataset' ? 'dataset' : 'model';
      const id = `${b.organization ?? 'user'}/${b.name}`;
      if (repos.has(key(type, id)))
        return send(res, 409, { error: 'You already created this model repo', url: `${hub.url}/${id}` });
      hub.seedRepo(id, { type });
      return send(res, 200, { url: `${hub.url}/${type === 'dataset' ? 'datasets/' : ''}${id}`, id });
    }
    m =
      method === 'GET'
        ? new RegExp(`^/api/(models|datasets)/${repoPart}/revision/([^/]+)$`).exec(path)
        : null;
    if (m) {
      const repo = findRepo(typeOf(m[1]), m[2]!, res);
      const c = repo && findCommit(repo, m[3]!, res);
      if (!repo || !c) return;
      return send(res, 200, {
        _id: createHash('sha1').update(repo.id).digest('hex').slice(0, 24),
        id: repo.id,
        sha: c.oid,
        createdAt: repo.createdAt.toISOString(),
        lastModified: c.date.toISOString(),
        private: false,
        gated: false,
        disabled: false,
        likes: 0,
        downloads: 0,
        tags: [],
        siblings: [...c.files.keys()].map((rfilename) => ({ rfilename })),
      });
    }
    m = method === 'GET' ? new RegExp(`^/api/(models|datasets)/${repoPart}$`).exec(path) : null;
    if (m) {
      const repo = findRepo(typeOf(m[1]), m[2]!, res);
      if (!repo) return;
      return send(res, 200, {
        id: repo.id,
        createdAt: repo.createdAt.toISOString(),
        private: false,
        likes: 0,
      });
    }
    m =
      method === 'GET'
        ? new RegExp(`^/api/(models|datasets)/${repoPart}/tree/([^/]+)(?:/(.*))?$`).exec(path)
        : null;
    if (m) {
      const repo = findRepo(typeOf(m[1]), m[2]!, res);
      const c = repo && findCommit(repo, m[3]!, res);
      if (!repo || !c) return;
      const prefix = decodeURIComponent(m[4] ?? '').replace(/\/$/, '');
      return send(res, 200, tree(c, prefix, url.searchParams.get('recursive') === 'true'));
    }
    m =
      method === 'POST'
        ? new RegExp(`^/api/(models|datasets)/${repoPart}/paths-info/([^/]+)$`).exec(path)
        : null;
    if (m) {
      const repo = findRepo(typeOf(m[1]), m[2]!, res);
      const c = repo && findCommit(repo, m[3]!, res);
      if (!repo || !c) return;
      const wanted = pathsBody.parse(JSON.parse(body.toString('utf8'))).paths;
      return send(
        res,
        200,
        wanted.flatMap((p) => (c.files.has(p) ? [entry(p, c.files.get(p)!)] : [])),
      );
    }
    m =
      method === 'GET' || method === 'HEAD'
        ? new RegExp(`^/(datasets/)?${repoPart}/resolve/([^/]+)/(.+)$`).exec(path)
        : null;
    if (m) {
      const repo = findRepo(m[1] ? 'dataset' : 'model', m[2]!, res);
      const c = repo && findCommit(repo, m[3]!, res);
      if (!repo || !c) return;
      const f = c.files.get(decodeURIComponent(m[4]!));
      if (f === undefined) return notFound(res, 'EntryNotFound', `Entry not found: ${m[4]}`);
      return serveFile(req, res, c, f);
    }
    if (!authorized(req)) return send(res, 401, { error: 'Invalid credentials in Authorization header' });
    m =
      method === 'POST'
        ? new RegExp(`^/api/(models|datasets)/${repoPart}/preupload/([^/]+)$`).exec(path)
        : null;
    if (m) {
      if (!findRepo(typeOf(m[1]), m[2]!, res)) return;
      const b = preuploadBody.parse(JSON.parse(body.toString('utf8')));
      return send(res, 200, {
        files: b.files.map((f) => ({
          path: f.path,
          uploadMode: isLfs(f.path, f.size) ? 'lfs' : 'regular',
          shouldIgnore: false,
        })),
      });
    }
    m =
      method === 'POST'
        ? new RegExp(`^/(datasets/)?${repoPart}\\.git/info/lfs/objects/batch$`).exec(path)
        : null;
    if (m) {
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
    m =
      method === 'POST' ? new RegExp(`^/api/(models|datasets)/${repoPart}/commit/([^/]+)$`).exec(path) : null;
    if (m) {
      const repo = findRepo(typeOf(m[1]), m[2]!, res);
      if (!repo) return;
      const lines = body
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => commitLine.parse(JSON.parse(l)));
      const changes = new Map<string, StoredFile | null>();
      for (const { key: k, value } of lines) {
        const p = String(value.path);
        if (k === 'file') {
          changes.set(p, {
            content: new Uint8Array(Buffer.from(String(value.content), 'base64')),
            lfs: false,
          });
        } else if (k === 'lfsFile') {
          const stored = objects.get(String(value.oid));
          if (stored === undefined)
            return send(res, 400, { error: `LFS object ${String(value.oid)} was never uploaded` });
          changes.set(p, { content: stored, lfs: true });
        } else if (k === 'deletedFile') changes.set(p, null);
      }
      const title = String(lines.find((l) => l.key === 'header')?.value.summary ?? '');
      const c = newCommit(repo, changes, title);
      return send(res, 200, { commitOid: c.oid, commitUrl: `${hub.url}/${repo.id}/commit/${c.oid}` });
    }
    return send(res, 404, { error: `no route ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  // Idle keep-alive sockets outlive a slow test step, so a reused socket is never closed under the client.
  server.keepAliveTimeout = 120_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  hub.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return hub;
}
