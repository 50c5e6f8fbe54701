import { downloadFileToCacheDir, HubApiError, pathsInfo } from '@huggingface/hub';
import { ModelFetchError } from '../errors.js';
import type { ModelSource } from './modelSource.js';
import type { ProgressListener } from './progress.js';

type HubSource = Extract<ModelSource, { kind: 'hf' }>;

export interface HubFileInfo {
  size: number;
  /** sha256 when the file is stored in LFS (model weights are). */
  lfsSha256: string | undefined;
  /** Git blob id (sha1) of the file at the pinned commit. */
  gitOid: string | undefined;
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Wraps fetch so the body of the file download reports bytes as they arrive. */
function countingFetch(base: typeof fetch, onBytes: (loaded: number) => void): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const range = new Headers(init?.headers).get('range');
    // The hub client probes with a one-byte range before the real download; count only the download.
    if (!res.body || !requestUrl(input).includes('/resolve/') || range === 'bytes=0-0') return res;
    let loaded = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        onBytes(loaded);
        controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(counter), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

function fetchFailure(source: HubSource, path: string, err: unknown): ModelFetchError {
  const what = `${source.repo}/${path} at ${source.revision}`;
  if (err instanceof HubApiError) {
    if (err.statusCode === 404) {
      return new ModelFetchError(
        what,
        'not found on the hub (HTTP 404)',
        'check the repo name, the commit hash and the file path',
        { cause: err },
      );
    }
    if (err.statusCode === 401 || err.statusCode === 403) {
      return new ModelFetchError(
        what,
        `access denied (HTTP ${err.statusCode})`,
        'the repo may be gated or private: accept its licence on the hub and pass an access token',
        { cause: err },
      );
    }
    return new ModelFetchError(what, `hub answered HTTP ${err.statusCode}`, 'try again later', {
      cause: err,
    });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new ModelFetchError(
    what,
    reason,
    `check network access to ${source.hubUrl ?? 'https://huggingface.co'}, or download the files yourself and use a local model folder`,
    { cause: err },
  );
}

/** Size and hashes the hub reports for a file at the pinned commit. */
export async function hubFileInfo(
  source: HubSource,
  path: string,
  accessToken?: string,
): Promise<HubFileInfo> {
  let infos: Awaited<ReturnType<typeof pathsInfo>>;
  try {
    infos = await pathsInfo({
      repo: source.repo,
      paths: [path],
      revision: source.revision,
      hubUrl: source.hubUrl,
      accessToken,
    });
  } catch (err) {
    throw fetchFailure(source, path, err);
  }
  const info = infos.find((i) => i.path === path && i.type === 'file');
  if (info === undefined) throw fetchFailure(source, path, new HubApiError('', 404));
  return { size: info.lfs?.size ?? info.size, lfsSha256: info.lfs?.oid, gitOid: info.oid };
}

/** Downloads one file into the hub cache (or finds it there) and returns its local path. */
export async function hubDownload(
  source: HubSource,
  path: string,
  total: number,
  options: { accessToken?: string; onProgress?: ProgressListener; fetch?: typeof fetch },
): Promise<string> {
  const base = options.fetch ?? globalThis.fetch;
  const report = options.onProgress;
  // The hub client announces each download with console.debug, i.e. on stdout, where daemons write
  // JSON logs; drop just that line (progress is reported through onProgress instead).
  const debug = console.debug;
  console.debug = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Downloading ')) return;
    debug(...args);
  };
  try {
    return await downloadFileToCacheDir({
      repo: source.repo,
      path,
      revision: source.revision,
      hubUrl: source.hubUrl,
      cacheDir: source.cacheDir,
      accessToken: options.accessToken,
      fetch: report ? countingFetch(base, (loaded) => report({ file: path, loaded, total })) : base,
    });
  } catch (err) {
    throw fetchFailure(source, path, err);
  } finally {
    console.debug = debug;
  }
}
