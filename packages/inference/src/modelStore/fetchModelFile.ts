import { existsSync } from 'node:fs';
import { readFile, realpath, stat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { ModelFetchError, ModelHashMismatchError } from '../errors.js';
import { gitBlobSha1File, sha256File } from './fileHash.js';
import { hubDownload, hubFileInfo } from './hubFetch.js';
import { type ModelFile, type ModelSource, modelFileSchema, modelSourceSchema } from './modelSource.js';
import type { ProgressListener } from './progress.js';

export interface FetchModelOptions {
  /** Hub token for gated/private repos. Never logged. */
  accessToken?: string;
  /** Download progress; `progressBar()` gives a terminal bar. */
  onProgress?: ProgressListener;
  /** Replaces global fetch for hub requests. */
  fetch?: typeof fetch;
}

interface Expected {
  algorithm: 'sha256' | 'git-sha1';
  hex: string;
}

async function hashOf(file: string, algorithm: Expected['algorithm']): Promise<string> {
  return algorithm === 'sha256' ? sha256File(file) : gitBlobSha1File(file);
}

/** A marker beside a verified blob, so a 4 GB model is hashed once, not at every start. */
async function alreadyVerified(blob: string, expected: Expected): Promise<boolean> {
  try {
    const { size, mtimeMs } = await stat(blob);
    return (
      (await readFile(`${blob}.verified`, 'utf8')) ===
      `${expected.algorithm}:${expected.hex}:${size}:${mtimeMs}`
    );
  } catch {
    return false;
  }
}

async function verify(
  file: string,
  label: string,
  expected: Expected,
  onMismatch: () => Promise<void>,
): Promise<void> {
  const actual = await hashOf(file, expected.algorithm);
  if (actual !== expected.hex) {
    await onMismatch();
    throw new ModelHashMismatchError(label, expected.algorithm, expected.hex, actual);
  }
}

async function fetchLocal(dir: string, file: ModelFile): Promise<string> {
  const path = resolve(dir, file.path);
  if (!existsSync(path)) {
    throw new ModelFetchError(
      path,
      'file does not exist',
      'check --inference.model_dir, or configure a hub repo and revision to download it',
    );
  }
  if (file.sha256) await verify(path, path, { algorithm: 'sha256', hex: file.sha256 }, async () => undefined);
  return path;
}

/**
 * Returns a local path to a verified model file: from a local folder, or from the Hugging Face hub at
 * a pinned commit (cached in the hub's layout, downloaded with progress). Hub content is always
 * checked — against the configured sha256, else the hub's LFS sha256, else the git blob id — because
 * the hub client stores whatever bytes arrive; a file that fails the check is deleted, never loaded.
 */
export async function fetchModelFile(
  sourceInput: ModelSource,
  fileInput: ModelFile,
  options: FetchModelOptions = {},
): Promise<string> {
  const source = modelSourceSchema.parse(sourceInput);
  const file = modelFileSchema.parse(fileInput);
  if (source.kind === 'local') return fetchLocal(source.dir, file);

  const info = await hubFileInfo(source, file.path, options.accessToken);
  const expected: Expected | undefined = file.sha256
    ? { algorithm: 'sha256', hex: file.sha256 }
    : info.lfsSha256
      ? { algorithm: 'sha256', hex: info.lfsSha256 }
      : info.gitOid
        ? { algorithm: 'git-sha1', hex: info.gitOid }
        : undefined;
  if (expected === undefined) {
    throw new ModelFetchError(
      file.path,
      'the hub reported no hash for it',
      'pin its sha256 in the model config',
    );
  }
  const pointer = await hubDownload(source, file.path, info.size, options);
  const blob = await realpath(pointer);
  if (await alreadyVerified(blob, expected)) return pointer;
  const label = `${source.repo}/${file.path}@${source.revision.slice(0, 12)}`;
  await verify(blob, label, expected, async () => {
    await unlink(blob).catch(() => undefined);
    await unlink(pointer).catch(() => undefined);
  });
  const { size, mtimeMs } = await stat(blob);
  await writeFileAtomic(`${blob}.verified`, `${expected.algorithm}:${expected.hex}:${size}:${mtimeMs}`);
  return pointer;
}

/** Fetches several files of one model (e.g. the three ImageBind modalities) into a map by path. */
export async function fetchModelFiles(
  source: ModelSource,
  files: readonly ModelFile[],
  options: FetchModelOptions = {},
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f.path, await fetchModelFile(source, f, options));
  return out;
}
