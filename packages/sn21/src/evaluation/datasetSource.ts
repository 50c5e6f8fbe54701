import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { downloadFile } from '@huggingface/hub';
import { DatasetUnavailableError } from '../errors.js';
import { type HubAccess, listRepoFiles } from '../hub/hubRepo.js';

/** Where SN24 parquet files come from: a local dataset folder or a hub dataset repo. */
export interface DatasetSource {
  /** For logs. */
  readonly description: string;
  /** Parquet files (paths relative to the dataset root, "/"-separated). */
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
}

/**
 * A folder in the SN24 sink's layout (`<dir>/default/train/<bucket>/<ULID>.parquet`), as an SN24
 * validator on the same machine writes it (store's DatasetSink `dir`).
 */
export function localDatasetSource(dir: string, prefix = 'default/train'): DatasetSource {
  return {
    description: `local dataset ${dir}`,
    async listFiles() {
      let entries: Dirent[];
      try {
        entries = await readdir(join(dir, prefix), { recursive: true, withFileTypes: true });
      } catch (err) {
        throw new DatasetUnavailableError(`cannot list ${join(dir, prefix)}: ${(err as Error).message}`, err);
      }
      return entries
        .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
        .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
    },
    async readFile(path) {
      try {
        return new Uint8Array(await readFile(join(dir, path)));
      } catch (err) {
        throw new DatasetUnavailableError(`cannot read ${path}: ${(err as Error).message}`, err);
      }
    },
  };
}

/** A hub dataset repo in the same layout (the reference's omegalabsinc/omega-multimodal). */
export function hubDatasetSource(args: {
  hub: HubAccess;
  repo: string;
  revision?: string;
  prefix?: string;
}): DatasetSource {
  const target = { repo: args.repo, revision: args.revision ?? 'main', type: 'dataset' as const };
  const prefix = args.prefix ?? 'default/train';
  return {
    description: `hub dataset ${args.repo}`,
    async listFiles() {
      try {
        const files = await listRepoFiles(args.hub, target, prefix);
        return files.map((f) => f.path).filter((p) => p.endsWith('.parquet'));
      } catch (err) {
        throw new DatasetUnavailableError(`cannot list ${args.repo}: ${(err as Error).message}`, err);
      }
    },
    async readFile(path) {
      try {
        const blob = await downloadFile({
          repo: { type: 'dataset', name: args.repo },
          path,
          revision: target.revision,
          xet: false,
          ...(args.hub.hubUrl === undefined ? {} : { hubUrl: args.hub.hubUrl }),
          ...(args.hub.accessToken === undefined ? {} : { accessToken: args.hub.accessToken }),
          ...(args.hub.fetch === undefined ? {} : { fetch: args.hub.fetch }),
        });
        if (blob === null) throw new Error('not found');
        return new Uint8Array(await blob.arrayBuffer());
      } catch (err) {
        throw new DatasetUnavailableError(`cannot read ${args.repo}/${path}: ${(err as Error).message}`, err);
      }
    },
  };
}
