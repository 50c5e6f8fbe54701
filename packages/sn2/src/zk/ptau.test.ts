import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    await expect(loadPtau({ location: file, sha256: '00'.repeat(32) }, dir)).rejects.toBeInstanceOf(PtauError);
    await expect(loadPtau({ location: join(dir, 'none.ptau'), sha256: '00'.repeat(32) }, dir)).rejects.toThrow(
      /not found/,
    );
  });
});
