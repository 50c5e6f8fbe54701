import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRepo, repoExists, uploadFiles } from '@huggingface/hub';
import { HubUnavailableError } from '../errors.js';
import { hubWriteError } from './hubErrors.js';
import type { HubAccess } from './hubRepo.js';

export interface UploadFolderArgs {
  /** `namespace/name` of a model repo; created (public) when it does not exist. */
  repo: string;
  /** Local folder and the paths inside it to upload (relative, "/"-separated). */
  dir: string;
  paths: readonly string[];
  title: string;
}

/**
 * Uploads files of a folder as one commit to a model repo and returns the commit sha the hub
 * assigned (what the chain commitment pins). Files are streamed from disk, not read into memory.
 */
export async function uploadModelFolder(
  hub: HubAccess & { accessToken: string },
  args: UploadFolderArgs,
): Promise<string> {
  const repo = { type: 'model' as const, name: args.repo };
  const common = {
    accessToken: hub.accessToken,
    ...(hub.hubUrl === undefined ? {} : { hubUrl: hub.hubUrl }),
    ...(hub.fetch === undefined ? {} : { fetch: hub.fetch }),
  };
  try {
    if (!(await repoExists({ repo, ...common }))) await createRepo({ repo, ...common });
  } catch (err) {
    throw hubWriteError(err, hub.accessToken, `creating ${args.repo}`);
  }
  let out: Awaited<ReturnType<typeof uploadFiles>>;
  try {
    out = await uploadFiles({
      repo,
      ...common,
      // The commit API takes regular and LFS files; Xet storage is the hub's choice when offered.
      files: args.paths.map((p) => ({ path: p, content: pathToFileURL(join(args.dir, p)) })),
      commitTitle: args.title,
    });
  } catch (err) {
    throw hubWriteError(err, hub.accessToken, `uploading to ${args.repo}`);
  }
  const oid = out?.commit.oid;
  if (oid === undefined || !/^[0-9a-f]{40}$/.test(oid)) {
    throw new HubUnavailableError(`uploading to ${args.repo}`, 'the hub answered without a commit sha');
  }
  return oid;
}
