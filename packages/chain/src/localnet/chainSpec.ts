import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';
import { ChainError } from '../errors/chainError.js';
import { findSharedDir } from './sharedDir.js';

/**
 * The runtime we test against: subtensor spec 293 (a fast-blocks dev build), published as a non-raw
 * chain spec at a pinned commit. The raw file in the shared folder is derived from it.
 */
export const PINNED_SPEC = {
  url: 'https://raw.githubusercontent.com/opentensor/subtensor/f59e608b2128586215ea396156a1d04b14724888/aura-dev.json',
  sha256: 'c321edb119707219b5f3fe602ad2f3180cd9e4492dbceee16e46b54a1facba2d',
  fileName: 'subtensor-spec293-aura-dev.json',
  rawFileName: 'subtensor-spec293-aura-dev-raw.json',
} as const;

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const rawSpecSchema = z.looseObject({
  name: z.string().optional(),
  genesis: z.object({ raw: z.object({ top: z.record(z.string(), hex) }) }),
});
const plainSpecSchema = z.looseObject({
  name: z.string().optional(),
  genesis: z.object({
    runtimeGenesis: z.object({ code: hex, patch: z.record(z.string(), z.unknown()).optional() }),
  }),
});

export type RawChainSpec = z.infer<typeof rawSpecSchema>;
export type PlainChainSpec = z.infer<typeof plainSpecSchema>;
export type ParsedChainSpec = { kind: 'raw'; spec: RawChainSpec } | { kind: 'plain'; spec: PlainChainSpec };

export class ChainSpecError extends ChainError {
  constructor(message: string, hint: string, details: Record<string, unknown> = {}) {
    super('ChainSpecError', message, { hint, details });
  }
}

const HOW_TO_PROVIDE =
  'Pass --chain-spec <file> (or set TAONODE_CHAIN_SPEC) to a subtensor chain spec JSON, raw or not; ' +
  `the pinned one is ${PINNED_SPEC.url}`;

export function parseChainSpec(json: unknown, source: string): ParsedChainSpec {
  const raw = rawSpecSchema.safeParse(json);
  if (raw.success) return { kind: 'raw', spec: raw.data };
  const plain = plainSpecSchema.safeParse(json);
  if (plain.success) return { kind: 'plain', spec: plain.data };
  throw new ChainSpecError(
    `${source} is not a chain spec: it has neither genesis.raw.top nor genesis.runtimeGenesis.code`,
    HOW_TO_PROVIDE,
    { source },
  );
}

export interface ResolveChainSpecOptions {
  /** Explicit file (the `--chain-spec` flag); wins over everything else. */
  chainSpec?: string;
  env?: NodeJS.ProcessEnv;
  /** Where a downloaded spec is kept; default `~/.cache/taonode`. */
  cacheDir?: string;
  /** Set false to never touch the network. */
  allowDownload?: boolean;
  /**
   * Where to download the pinned spec from (default: the subtensor repository at the pinned commit,
   * or `$TAONODE_CHAIN_SPEC_URL`, e.g. a mirror). The sha256 check applies whatever the source.
   */
  downloadUrl?: string;
  /** Told about a download, so the user knows where the file came from. */
  onNotice?: (message: string) => void;
  fetchImpl?: typeof fetch;
}

export interface ResolvedChainSpec {
  path: string;
  parsed: ParsedChainSpec;
  /** How it was found: flag, env, shared, cache, download. */
  source: 'option' | 'env' | 'shared' | 'cache' | 'download';
}

/**
 * Finds the chain spec to boot: flag → TAONODE_CHAIN_SPEC → `<repo>/../shared/chain/` (or
 * `$TAONODE_SHARED_DIR/chain/`) → cache → download of the pinned spec (sha256-checked, then cached).
 */
export async function resolveChainSpec(options: ResolveChainSpecOptions = {}): Promise<ResolvedChainSpec> {
  const env = options.env ?? process.env;
  if (options.chainSpec !== undefined) return load(resolve(options.chainSpec), 'option');
  const fromEnv = env.TAONODE_CHAIN_SPEC;
  if (fromEnv !== undefined && fromEnv !== '') return load(resolve(fromEnv), 'env');

  const shared = findSharedDir(env);
  if (shared !== undefined) {
    for (const name of [PINNED_SPEC.rawFileName, PINNED_SPEC.fileName]) {
      const path = join(shared, 'chain', name);
      if (existsSync(path)) return load(path, 'shared');
    }
  }

  const cacheDir = options.cacheDir ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'taonode');
  const cached = join(cacheDir, PINNED_SPEC.fileName);
  if (existsSync(cached) && sha256(readFileSync(cached)) === PINNED_SPEC.sha256) return load(cached, 'cache');

  if (options.allowDownload === false) {
    throw new ChainSpecError('no subtensor chain spec found and downloading is disabled', HOW_TO_PROVIDE);
  }
  const url = options.downloadUrl ?? nonEmpty(env.TAONODE_CHAIN_SPEC_URL) ?? PINNED_SPEC.url;
  options.onNotice?.(`no local subtensor chain spec found; downloading ${url}`);
  const bytes = await download(options.fetchImpl ?? fetch, url);
  await writeFileAtomic(cached, bytes);
  options.onNotice?.(`downloaded the subtensor spec-293 chain spec (sha256 checked) to ${cached}`);
  return load(cached, 'download');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function download(fetchImpl: typeof fetch, url: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (error) {
    throw new ChainSpecError(
      `no subtensor chain spec found locally, and downloading it failed (${(error as Error).message})`,
      HOW_TO_PROVIDE,
      { url },
    );
  }
  const got = sha256(bytes);
  if (got !== PINNED_SPEC.sha256) {
    throw new ChainSpecError(
      'the downloaded chain spec does not match the pinned sha256; refusing to use it',
      HOW_TO_PROVIDE,
      { url, expected: PINNED_SPEC.sha256, got },
    );
  }
  return bytes;
}

function load(path: string, source: ResolvedChainSpec['source']): ResolvedChainSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ChainSpecError(`cannot read chain spec ${path}: ${(error as Error).message}`, HOW_TO_PROVIDE, {
      path,
    });
  }
  return { path, parsed: parseChainSpec(json, path), source };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
