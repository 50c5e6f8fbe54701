import { uploadFile } from '@huggingface/hub';
import { TaonodeError } from '@taonode/kit';
import type { DatasetUploader } from './datasetSink.js';

export interface HfUploaderOptions {
  /** Dataset repo, `owner/name`. */
  repo: string;
  accessToken: string;
  /** Hub URL (default https://huggingface.co); the library ignores HF_ENDPOINT, so pass it here. */
  hubUrl?: string;
  branch?: string;
  /** Passed to the library; its default asks the hub for Xet storage and falls back to LFS. */
  useXet?: boolean;
}

/** A failed upload; the batch stays on disk and in the journal and is retried. */
export class DatasetUploadError extends TaonodeError {
  constructor(
    readonly pathInRepo: string,
    reason: string,
  ) {
    super(`uploading ${pathInRepo} to the dataset repo failed: ${reason}`, { details: { pathInRepo } });
  }
}

/**
 * Uploads each batch file as one commit to a Hugging Face dataset repo. Re-uploading a path with
 * the same bytes is a no-op commit, which is what makes a retried flush safe.
 */
export function createHfUploader(options: HfUploaderOptions): DatasetUploader {
  return {
    async upload({ pathInRepo, bytes }) {
      try {
        await uploadFile({
          repo: { type: 'dataset', name: options.repo },
          accessToken: options.accessToken,
          file: { path: pathInRepo, content: new Blob([bytes]) },
          commitTitle: `Add ${pathInRepo}`,
          ...(options.hubUrl === undefined ? {} : { hubUrl: options.hubUrl }),
          ...(options.branch === undefined ? {} : { branch: options.branch }),
          ...(options.useXet === undefined ? {} : { useXet: options.useXet }),
        });
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).replaceAll(
          options.accessToken,
          '***',
        );
        throw new DatasetUploadError(pathInRepo, reason);
      }
    },
  };
}
