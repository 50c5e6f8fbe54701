import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { downloadFile, HubApiError, listFiles, modelInfo } from '@huggingface/hub';
import { retry } from '@taonode/kit';
import { HubUnavailableError, ModelContractError, type Sn21Error } from '../errors.js';
import { hubReadError } from './hubErrors.js';

/** Where and how to reach the hub; tests point `hubUrl` at a local server. */
export interface HubAccess {
  /** Default https://huggingface.co. The client ignores HF_ENDPOINT, so pass it here. */
  hubUrl?: string;
  /** Read token (private repos) or write token (uploads). Never logged. */
  accessToken?: string;
  fetch?: typeof fetch;
}

export interface HubFile {
  path: string;
  size: number;
  /** sha256 of LFS-stored content (weights, graphs). */
  lfsSha256?: string;
  /** Git blob id (sha1) of the file. */
  gitOid?: string;
}

export interface RepoTarget {
  repo: string;
  revision: string;
  type?: 'model' | 'dataset';
}

export interface RepoSnapshot {
  repo: string;
  /** The full commit sha the revision resolved to. */
  sha: string;
  /** Repo creation time, when the hub reports it (spec §5.3 compares it with the commitment block). */
  createdAtMs: number | undefined;
  files: HubFile[];
  totalBytes: number;
}

/**
 * Runs an idempotent hub read, once more after a short pause when the connection itself failed
 * (a reset keep-alive socket, a blip): HTTP answers are never retried here.
 */
function read<T>(fn: () => Promise<T>): Promise<T> {
  return retry(fn, {
    retries: 2,
    initialMs: 250,
    maxMs: 500,
    shouldRetry: (err) => !(err instanceof HubApiError),
  });
}

const designation = (t: RepoTarget) => ({ type: t.type ?? 'model', name: t.repo }) as const;
const access = (hub: HubAccess) => ({
  ...(hub.hubUrl === undefined ? {} : { hubUrl: hub.hubUrl }),
  ...(hub.accessToken === undefined ? {} : { accessToken: hub.accessToken }),
  ...(hub.fetch === undefined ? {} : { fetch: hub.fetch }),
});

/** Every file of the repo at the revision (recursive tree listing). */
export async function listRepoFiles(hub: HubAccess, target: RepoTarget, path?: string): Promise<HubFile[]> {
  try {
    return await read(async () => {
      const files: HubFile[] = [];
      for await (const e of listFiles({
        repo: designation(target),
        revision: target.revision,
        recursive: true,
        ...(path === undefined ? {} : { path }),
        ...access(hub),
      })) {
        if (e.type !== 'file') continue;
        files.push({
          path: e.path,
          size: e.lfs?.size ?? e.size,
          ...(e.lfs ? { lfsSha256: e.lfs.oid } : {}),
          ...(e.oid ? { gitOid: e.oid } : {}),
        });
      }
      return files;
    });
  } catch (err) {
    throw hubReadError(err, target, `listing ${target.repo}@${target.revision}`);
  }
}

/**
 * A model repo at a pinned revision: the sha it resolves to, its creation date and its files.
 * The revision must exist (RevisionNotFoundError otherwise): nothing ever falls back to the
 * default branch (the reference's flaw, spec §8.1).
 */
export async function readRepoSnapshot(hub: HubAccess, target: RepoTarget): Promise<RepoSnapshot> {
  let info: Awaited<ReturnType<typeof modelInfo<'createdAt' | 'sha'>>>;
  try {
    info = await read(() =>
      modelInfo({
        name: target.repo,
        revision: target.revision,
        additionalFields: ['createdAt', 'sha'],
        ...access(hub),
      }),
    );
  } catch (err) {
    throw hubReadError(err, target, `repo info of ${target.repo}@${target.revision}`);
  }
  const created = info.createdAt === undefined ? Number.NaN : Date.parse(String(info.createdAt));
  const sha = typeof info.sha === 'string' ? info.sha : target.revision;
  const files = await listRepoFiles(hub, { ...target, revision: sha });
  return {
    repo: target.repo,
    sha,
    createdAtMs: Number.isFinite(created) ? created : undefined,
    files,
    totalBytes: files.reduce((a, f) => a + f.size, 0),
  };
}

function gitBlobHasher(size: number) {
  return createHash('sha1').update(`blob ${size}\0`);
}

/**
 * Streams one file of the repo at the revision to `dest`, hashing as it arrives; the content must
 * match the hub's LFS sha256 (or git blob id) and size, else the file is deleted and the download
 * refused. Returns the content's sha256.
 */
export async function downloadRepoFile(
  hub: HubAccess,
  target: RepoTarget,
  file: HubFile,
  dest: string,
): Promise<{ sha256: string }> {
  const what = `${target.repo}/${file.path}@${target.revision.slice(0, 12)}`;
  let blob: Blob | null;
  try {
    blob = await read(() =>
      downloadFile({
        repo: designation(target),
        path: file.path,
        revision: target.revision,
        xet: false,
        ...access(hub),
      }),
    );
  } catch (err) {
    throw hubReadError(err, target, `downloading ${what}`);
  }
  if (blob === null) throw new ModelContractError(file.path, 'listed in the repo tree but not downloadable');
  await mkdir(dirname(dest), { recursive: true });
  const sha256 = createHash('sha256');
  const sha1 = gitBlobHasher(file.size);
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.byteLength;
      if (seen > file.size) {
        done(new ModelContractError(file.path, `the hub sent more than the ${file.size} bytes it listed`));
        return;
      }
      sha256.update(chunk);
      sha1.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(blob.stream() as WebReadableStream<Uint8Array>),
      counter,
      createWriteStream(dest),
    );
  } catch (err) {
    await rm(dest, { force: true });
    if (err instanceof ModelContractError) throw err;
    throw new HubUnavailableError(`downloading ${what}`, err instanceof Error ? err.message : String(err), {
      cause: err,
    });
  }
  const digest = sha256.digest('hex');
  const mismatch = (expected: string, got: string): Sn21Error =>
    new ModelContractError(
      file.path,
      `content does not match the hub's hash (expected ${expected}, got ${got})`,
    );
  if (seen !== file.size) {
    await rm(dest, { force: true });
    throw new HubUnavailableError(`downloading ${what}`, `got ${seen} of ${file.size} bytes`);
  }
  if (file.lfsSha256 !== undefined && file.lfsSha256 !== digest) {
    await rm(dest, { force: true });
    throw mismatch(file.lfsSha256, digest);
  }
  if (file.lfsSha256 === undefined && file.gitOid !== undefined) {
    const oid = sha1.digest('hex');
    if (oid !== file.gitOid) {
      await rm(dest, { force: true });
      throw mismatch(file.gitOid, oid);
    }
  }
  return { sha256: digest };
}

/** A small text file of the repo at the revision, or undefined when the repo has no such file. */
export async function readRepoText(
  hub: HubAccess,
  target: RepoTarget,
  path: string,
  maxBytes: number,
): Promise<string | undefined> {
  let blob: Blob | null;
  try {
    blob = await read(() =>
      downloadFile({
        repo: designation(target),
        path,
        revision: target.revision,
        xet: false,
        ...access(hub),
      }),
    );
  } catch (err) {
    throw hubReadError(err, target, `reading ${target.repo}/${path}`);
  }
  if (blob === null) return undefined;
  if (blob.size > maxBytes) return `(${blob.size} bytes)`;
  try {
    const loaded = blob;
    return await read(() => loaded.text());
  } catch (err) {
    throw hubReadError(err, target, `reading ${target.repo}/${path}`);
  }
}
