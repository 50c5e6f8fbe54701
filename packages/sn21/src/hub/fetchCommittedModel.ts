import { join } from 'node:path';
import { commitmentRepo, type ModelCommitment } from '../commitment/modelCommitment.js';
import { BLOCK_TIME_MS, MAX_REPO_BYTES } from '../constants.js';
import {
  type ContractLimits,
  DEFAULT_LIMITS,
  HOTKEY_FILE,
  isModelPath,
  MODEL_FILES,
} from '../contract/modelFiles.js';
import { HotkeyMismatchError, MissingFileError, RepoTooLargeError, RepoTooNewError } from '../errors.js';
import { modelContentHash } from './contentHash.js';
import {
  downloadRepoFile,
  type HubAccess,
  type RepoSnapshot,
  readRepoSnapshot,
  readRepoText,
} from './hubRepo.js';
import type { ModelCache, ModelLease } from './modelCache.js';

export interface FetchCommittedModelArgs {
  hub: HubAccess;
  cache: ModelCache;
  commitment: ModelCommitment;
  /** SS58 of the hotkey that committed; hotkey.txt must name it. */
  hotkey: string;
  /** Time of the commitment's block (chain timestamp, or an estimate from the block number). */
  commitTimeMs: number;
  /** The repo must be older than this at the commitment block (reference: one block, 12 s). */
  minRepoAgeMs?: number;
  /** Whole repo at the revision (the reference's MAX_HUGGING_FACE_BYTES, 18 GiB). */
  maxRepoBytes?: number;
  limits?: Partial<ContractLimits>;
  /** Told before each file download (for progress logs). */
  onDownload?: (file: { path: string; bytes: number }) => void;
}

export interface FetchModelArgs {
  hub: HubAccess;
  cache: ModelCache;
  repo: string;
  /** A pinned commit sha. */
  revision: string;
  maxRepoBytes?: number;
  limits?: Partial<ContractLimits>;
  onDownload?: (file: { path: string; bytes: number }) => void;
}

export interface FetchedModel extends ModelLease {
  repo: string;
  revision: string;
  createdAtMs: number | undefined;
  /** True when the files came from the cache (no download). */
  cached: boolean;
}

/**
 * Fetches a model repo at a pinned revision into the bounded cache (files checked against the
 * hub's hashes, content-hashed): for the baseline model, and for miners' models after their checks.
 * The contract files must be there and within the size limits.
 */
export async function fetchModelAtRevision(args: FetchModelArgs): Promise<FetchedModel> {
  const target = { repo: args.repo, revision: args.revision };
  const snapshot = await readRepoSnapshot(args.hub, target);
  return fetchSnapshot(args, snapshot);
}

async function fetchSnapshot(args: FetchModelArgs, snapshot: RepoSnapshot): Promise<FetchedModel> {
  const repo = args.repo;
  const limits = { ...DEFAULT_LIMITS, ...args.limits };
  const maxRepo = args.maxRepoBytes ?? MAX_REPO_BYTES;
  if (snapshot.totalBytes > maxRepo) throw new RepoTooLargeError(repo, snapshot.totalBytes, maxRepo);
  const files = snapshot.files.filter((f) => isModelPath(f.path));
  const missing = Object.values(MODEL_FILES).filter((p) => !files.some((f) => f.path === p));
  if (missing.length > 0) throw new MissingFileError(`${repo}@${snapshot.sha.slice(0, 12)}`, missing);
  const modelBytes = files.reduce((a, f) => a + f.size, 0);
  const limit = Math.min(limits.maxModelBytes, args.cache.maxBytes);
  if (modelBytes > limit) throw new RepoTooLargeError(repo, modelBytes, limit);

  const key = `${repo}@${snapshot.sha}`;
  const base = { repo, revision: snapshot.sha, createdAtMs: snapshot.createdAtMs };
  const hit = await args.cache.acquire(key);
  if (hit) return { ...hit, ...base, cached: true };
  const lease = await args.cache.add(key, async (dir) => {
    const out: { path: string; bytes: number; sha256: string }[] = [];
    for (const f of files) {
      args.onDownload?.({ path: f.path, bytes: f.size });
      const { sha256 } = await downloadRepoFile(
        args.hub,
        { repo, revision: snapshot.sha },
        f,
        join(dir, f.path),
      );
      out.push({ path: f.path, bytes: f.size, sha256 });
    }
    return { files: out, contentHash: modelContentHash(out) };
  });
  return { ...lease, ...base, cached: false };
}

/**
 * Fetches a committed model at its pinned revision into the bounded cache, after the checks that
 * need no download (spec §5.3): the revision exists, hotkey.txt names the committing hotkey, the repo
 * predates the commitment, the contract files are there and within the size limits. Every failure
 * is a typed Sn21Error: penalties for the miner's faults, retry for hub trouble.
 */
export async function fetchCommittedModel(args: FetchCommittedModelArgs): Promise<FetchedModel> {
  const repo = commitmentRepo(args.commitment);
  const target = { repo, revision: args.commitment.commit };
  const snapshot = await readRepoSnapshot(args.hub, target);

  const found = snapshot.files.some((f) => f.path === HOTKEY_FILE)
    ? (await readRepoText(args.hub, target, HOTKEY_FILE, 1024))?.trim()
    : undefined;
  if (found !== args.hotkey) throw new HotkeyMismatchError(repo, args.hotkey, found);

  const minAge = args.minRepoAgeMs ?? BLOCK_TIME_MS;
  if (snapshot.createdAtMs === undefined || args.commitTimeMs - snapshot.createdAtMs <= minAge) {
    throw new RepoTooNewError(repo, snapshot.createdAtMs, args.commitTimeMs, minAge);
  }
  return fetchSnapshot({ ...args, repo, revision: snapshot.sha }, snapshot);
}
