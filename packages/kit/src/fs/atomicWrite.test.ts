import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TaonodeError } from '../errors/taonodeError.js';
import { FileExistsError, writeFileAtomic } from './atomicWrite.js';

const dir = mkdtempSync(join(tmpdir(), 'kit-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates folders, writes 0600 files and leaves no temp file behind', async () => {
    const file = join(dir, 'a', 'b', 'state.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['state.json']);
  });

  it('refuses to replace a file without overwrite, with its own error (not a wallet one)', async () => {
    const file = join(dir, 'once.txt');
    await writeFileAtomic(file, 'first', { overwrite: false });
    const err = await writeFileAtomic(file, 'second', { overwrite: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileExistsError);
    expect(err).toBeInstanceOf(TaonodeError);
    expect((err as FileExistsError).code).toBe('FILE_EXISTS');
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
