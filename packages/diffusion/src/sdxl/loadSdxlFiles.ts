import { type FetchModelOptions, fetchModelFile } from '@taonode/inference';
import { manifestFiles, type SdxlManifest } from './manifest.js';

/**
 * Fetches (hub at the pinned commit) or finds (local folder) every file of a manifest, each checked
 * against its sha256 — or, with `pinning: hub-revision`, against the hash the hub reports for the
 * pinned commit — and returns local paths by manifest path. A mismatch deletes a downloaded file and
 * throws ModelHashMismatchError naming it; nothing unverified is ever loaded.
 */
export async function fetchSdxlFiles(
  manifest: SdxlManifest,
  options: FetchModelOptions = {},
): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const file of manifestFiles(manifest)) {
    if (paths.has(file.path)) continue;
    paths.set(file.path, await fetchModelFile(manifest.source, file, options));
  }
  return paths;
}
