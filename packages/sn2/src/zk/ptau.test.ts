import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPtauPower } from './binHeaders.js';
import { PtauError } from './errors.js';
import { loadPtau, TEST_PTAU_POWER, testPtauSource } from './ptau.js';

describe('powers of tau', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sn2-ptau-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the shared test file and checks its pinned sha256', async () => {
    const source = testPtauSource();
    expect(source.location.endsWith(join('shared', 'zk', 'test-pot16_final.ptau'))).toBe(true);
    const ptau = await loadPtau(source, dir);
    expect(readPtauPower(ptau.path)).toBe(TEST_PTAU_POWER);
  });

  it('honours TAONODE_ZK_PTAU', () => {
    expect(testPtauSource({ TAONODE_ZK_PTAU: '/elsewhere/p.ptau' }).location).toBe('/elsewhere/p.ptau');
  });

  it('refuses a file whose sha256 does not match, and a missing file', async () => {
    const file = join(dir, 'bad.ptau');
    writeFileSync(file, 'not a ptau');
    await expect(loadPtau({ location: file, sha256: '00'.repeat(32) }, dir)).rejects.toBeInstanceOf(
      PtauError,
    );
    await expect(
      loadPtau({ location: join(dir, 'none.ptau'), sha256: '00'.repeat(32) }, dir),
    ).rejects.toThrow(/not found/);
  });

  it('downloads a URL once into the cache and checks it', async () => {
    const body = Buffer.from('pretend ptau bytes');
    const sha256 = createHash('sha256').update(body).digest('hex');
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p.ptau`;
      const first = await loadPtau({ location: url, sha256 }, dir);
      expect(existsSync(first.path)).toBe(true);
      await loadPtau({ location: url, sha256 }, dir);
      expect(hits).toBe(1);
      await expect(
        loadPtau({ location: `${url}?other`, sha256: 'ff'.repeat(32) }, dir),
      ).rejects.toBeInstanceOf(PtauError);
    } finally {
      server.close();
    }
  });
});
