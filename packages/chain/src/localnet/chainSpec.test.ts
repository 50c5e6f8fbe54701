import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChainSpecError, PINNED_SPEC, resolveChainSpec } from './chainSpec.js';
import { mergePatch } from './genesisBuilder.js';
import { findSharedDir } from './sharedDir.js';

const tmp = mkdtempSync(join(tmpdir(), 'taonode-spec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const rawSpec = { name: 'x', genesis: { raw: { top: { '0x3a636f6465': '0x00' } } } };
const emptyShared = join(tmp, 'empty-shared');
mkdirSync(emptyShared);
const offlineEnv = { TAONODE_SHARED_DIR: emptyShared };
const sharedPlain = findSharedDir() && join(findSharedDir()!, 'chain', PINNED_SPEC.fileName);

describe('resolveChainSpec', () => {
  it('prefers the explicit file, then TAONODE_CHAIN_SPEC, then the shared folder', async () => {
    const file = join(tmp, 'mine.json');
    writeFileSync(file, JSON.stringify(rawSpec));
    const envFile = join(tmp, 'env.json');
    writeFileSync(envFile, JSON.stringify(rawSpec));
    expect((await resolveChainSpec({ chainSpec: file, env: { TAONODE_CHAIN_SPEC: envFile } })).source).toBe('option');
    const viaEnv = await resolveChainSpec({ env: { TAONODE_CHAIN_SPEC: envFile } });
    expect(viaEnv).toMatchObject({ source: 'env', path: envFile, parsed: { kind: 'raw' } });

    const shared = join(tmp, 'shared');
    mkdirSync(join(shared, 'chain'), { recursive: true });
    writeFileSync(join(shared, 'chain', PINNED_SPEC.rawFileName), JSON.stringify(rawSpec));
    expect(await resolveChainSpec({ env: { TAONODE_SHARED_DIR: shared } })).toMatchObject({ source: 'shared' });
  });

  it('says how to provide a spec when none is found offline', async () => {
    const err = await resolveChainSpec({ env: offlineEnv, cacheDir: join(tmp, 'cache0'), allowDownload: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChainSpecError);
    expect((err as ChainSpecError).hint).toMatch(/--chain-spec .*TAONODE_CHAIN_SPEC/);
    const failingFetch = (async () => {
      throw new Error('getaddrinfo ENOTFOUND raw.githubusercontent.com');
    }) as unknown as typeof fetch;
    const offline = await resolveChainSpec({ env: offlineEnv, cacheDir: join(tmp, 'cache1'), fetchImpl: failingFetch }).catch(
      (e: unknown) => e as ChainSpecError,
    );
    expect((offline as ChainSpecError).message).toMatch(/downloading it failed \(getaddrinfo ENOTFOUND/);
    expect(JSON.stringify(err)).not.toMatch(/\/work\//);
  });

  it('refuses a download whose sha256 does not match', async () => {
    const fakeFetch = (async () => new Response('{"not":"it"}')) as unknown as typeof fetch;
    const err = await resolveChainSpec({ env: offlineEnv, cacheDir: join(tmp, 'cache2'), fetchImpl: fakeFetch }).catch(
      (e: unknown) => e as ChainSpecError,
    );
    expect((err as ChainSpecError).message).toMatch(/does not match the pinned sha256/);
  });

  it.skipIf(sharedPlain === undefined)('downloads the pinned spec, checks it, caches it and tells the user', async () => {
    const bytes = readFileSync(sharedPlain!);
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      return new Response(bytes);
    }) as unknown as typeof fetch;
    const notices: string[] = [];
    const cacheDir = join(tmp, 'cache3');
    const got = await resolveChainSpec({ env: offlineEnv, cacheDir, fetchImpl: fakeFetch, onNotice: (m) => notices.push(m) });
    expect(urls).toEqual([PINNED_SPEC.url]);
    expect(got).toMatchObject({ source: 'download', parsed: { kind: 'plain' } });
    expect(notices[0]).toMatch(/downloaded .*sha256 checked/);
    const again = await resolveChainSpec({ env: offlineEnv, cacheDir, fetchImpl: fakeFetch });
    expect(again.source).toBe('cache');
    expect(urls).toHaveLength(1);
  });
});

describe('mergePatch', () => {
  it('merges objects key by key and replaces everything else, like sc-chain-spec', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });
});
