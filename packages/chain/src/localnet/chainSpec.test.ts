import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainSpecError, PINNED_SPEC, resolveChainSpec, sha256 } from './chainSpec.js';
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
    expect((await resolveChainSpec({ chainSpec: file, env: { TAONODE_CHAIN_SPEC: envFile } })).source).toBe(
      'option',
    );
    const viaEnv = await resolveChainSpec({ env: { TAONODE_CHAIN_SPEC: envFile } });
    expect(viaEnv).toMatchObject({ source: 'env', path: envFile, parsed: { kind: 'raw' } });

    const shared = join(tmp, 'shared');
    mkdirSync(join(shared, 'chain'), { recursive: true });
    writeFileSync(join(shared, 'chain', PINNED_SPEC.rawFileName), JSON.stringify(rawSpec));
    expect(await resolveChainSpec({ env: { TAONODE_SHARED_DIR: shared } })).toMatchObject({
      source: 'shared',
    });
  });

  it('says how to provide a spec when none is found offline', async () => {
    const err = await resolveChainSpec({
      env: offlineEnv,
      cacheDir: join(tmp, 'cache0'),
      allowDownload: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChainSpecError);
    expect((err as ChainSpecError).hint).toMatch(/--chain-spec .*TAONODE_CHAIN_SPEC/);
    // A real fetch against a port nobody listens on: what an offline machine sees.
    const closed = await closedPort();
    const offline = await resolveChainSpec({
      env: { ...offlineEnv, TAONODE_CHAIN_SPEC_URL: `http://127.0.0.1:${closed}/aura-dev.json` },
      cacheDir: join(tmp, 'cache1'),
    }).catch((e: unknown) => e as ChainSpecError);
    expect(offline).toBeInstanceOf(ChainSpecError);
    expect((offline as ChainSpecError).message).toMatch(/downloading it failed/);
    expect((offline as ChainSpecError).hint).toMatch(/--chain-spec/);
    expect(JSON.stringify(err)).not.toMatch(/\/work\//);
  });

  describe('download from an HTTP server (URL overridden to 127.0.0.1)', () => {
    let server: Server;
    let base: string;
    const requests: string[] = [];
    beforeAll(async () => {
      const good = sharedPlain === undefined ? Buffer.from('{}') : readFileSync(sharedPlain);
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        if (req.url === '/good.json') res.end(good);
        else if (req.url === '/tampered.json') res.end(Buffer.concat([good, Buffer.from(' ')]));
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('refuses a download whose sha256 does not match, and caches nothing', async () => {
      const cacheDir = join(tmp, 'cache2');
      const err = await resolveChainSpec({
        env: offlineEnv,
        cacheDir,
        downloadUrl: `${base}/tampered.json`,
      }).catch((e: unknown) => e as ChainSpecError);
      expect((err as ChainSpecError).message).toMatch(/does not match the pinned sha256/);
      expect(existsSync(join(cacheDir, PINNED_SPEC.fileName))).toBe(false);
      const missing = await resolveChainSpec({
        env: offlineEnv,
        cacheDir,
        downloadUrl: `${base}/nope.json`,
      }).catch((e: unknown) => e as ChainSpecError);
      expect((missing as ChainSpecError).message).toMatch(/HTTP 404/);
    });

    it.skipIf(sharedPlain === undefined)(
      'downloads the pinned spec, checks it, caches it and tells the user',
      async () => {
        const notices: string[] = [];
        const cacheDir = join(tmp, 'cache3');
        const env = { ...offlineEnv, TAONODE_CHAIN_SPEC_URL: `${base}/good.json` };
        const before = requests.length;
        const got = await resolveChainSpec({ env, cacheDir, onNotice: (m) => notices.push(m) });
        expect(requests.slice(before)).toEqual(['/good.json']);
        expect(got).toMatchObject({ source: 'download', parsed: { kind: 'plain' } });
        expect(notices[0]).toMatch(/no local subtensor chain spec found; downloading http:\/\/127\.0\.0\.1/);
        expect(notices[1]).toMatch(/downloaded .*sha256 checked/);
        expect(sha256(readFileSync(join(cacheDir, PINNED_SPEC.fileName)))).toBe(PINNED_SPEC.sha256);
        const again = await resolveChainSpec({ env, cacheDir });
        expect(again.source).toBe('cache');
        expect(requests).toHaveLength(before + 1);
      },
    );
  });
});

describe('mergePatch', () => {
  it('merges objects key by key and replaces everything else, like sc-chain-spec', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
      e: 2,
    });
  });
});

/** A port that was free a moment ago: connecting to it is refused, like an unreachable host. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
