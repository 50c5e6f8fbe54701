import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { findRepoRoot } from '@taonode/kit';
import { PtauError } from './errors.js';
import { packageRoot } from './paths.js';

/** sha256 of `../shared/zk/test-pot16_final.ptau` (2^16 powers, public entropy: tests only). */
export const TEST_PTAU_SHA256 = '07fbb623e42d6cbc1aa92eb67a9adf8579f4c7591e46a77574e75b859d129040';
export const TEST_PTAU_POWER = 16;

export interface PtauSource {
  /** Local file, or an http(s) URL downloaded once into `cacheDir`. */
  location: string;
  /** Expected sha256 (hex) of the file; a mismatch is refused. */
  sha256: string;
}

export interface VerifiedPtau {
  path: string;
  sha256: string;
}

const verified = new Map<string, string>();

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Resolves a powers-of-tau file and checks its pinned sha256 (once per process and path). */
export async function loadPtau(source: PtauSource, cacheDir: string): Promise<VerifiedPtau> {
  const want = source.sha256.toLowerCase();
  let path = source.location;
  const remote = /^https?:\/\//.test(path);
  if (remote) {
    path = join(cacheDir, `ptau-${want}.ptau`);
    if (!existsSync(path)) await download(source.location, path, cacheDir);
  }
  if (!existsSync(path)) {
    throw new PtauError(`powers-of-tau file not found: ${path}; pass --ptau <file|url> --ptau-sha256 <hex>`, {
      path,
    });
  }
  const known = verified.get(path);
  const got = known ?? (await sha256File(path));
  if (got !== want) {
    // A bad download must not stick in the cache; a local file is the operator's to fix.
    if (remote) rmSync(path, { force: true });
    throw new PtauError('powers-of-tau file does not match its pinned sha256; re-download it', {
      path,
      expected: want,
      actual: got,
    });
  }
  verified.set(path, got);
  return { path, sha256: got };
}

async function download(url: string, target: string, cacheDir: string): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const res = await fetch(url);
  if (!res.ok) throw new PtauError(`powers-of-tau download failed: HTTP ${res.status}`, { url });
  if (!res.body) throw new PtauError('powers-of-tau download returned no body', { url });
  const tmp = `${target}.${process.pid}.tmp`;
  // Streamed to disk: production files are hundreds of MB and up.
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(tmp));
  renameSync(tmp, target);
}

/**
 * The test ptau: `TAONODE_ZK_PTAU` if set, else `../shared/zk/test-pot16_final.ptau` next to the
 * workspace root. Only tests, benches and the dev build script use it.
 */
export function testPtauSource(env: NodeJS.ProcessEnv = process.env): PtauSource {
  const fromEnv = env.TAONODE_ZK_PTAU;
  if (fromEnv) return { location: fromEnv, sha256: TEST_PTAU_SHA256 };
  const root = findRepoRoot(packageRoot);
  if (!root) throw new PtauError('cannot find the workspace root; set TAONODE_ZK_PTAU');
  return { location: join(root, '..', 'shared', 'zk', 'test-pot16_final.ptau'), sha256: TEST_PTAU_SHA256 };
}
