import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'soak-enospc-'));
const stateDir = join(work, 'state');
const flag = join(work, 'disk-full');
const preload = new URL('./enospcPreload.ts', import.meta.url).href;

// A daemon's kinds of write, each reported as 'ok' or its error code.
const CHILD = `
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync, createWriteStream, readdirSync } from 'node:fs';
import { open, writeFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
const [dir, outside] = process.argv.slice(-2);
mkdirSync(dir, { recursive: true });
const result = {};
const run = async (name, fn) => { try { await fn(); result[name] = 'ok'; } catch (e) { result[name] = e.code ?? String(e); } };
await run('atomic', async () => {
  const tmp = join(dir, '.state.json.x.tmp');
  const h = await open(tmp, 'wx');
  try { await h.writeFile('{"a":1}'); } catch (e) { await h.close(); await unlink(tmp); throw e; }
  await h.close();
  await rename(tmp, join(dir, 'state.json'));
});
await run('promisesWriteFile', () => writeFile(join(dir, 'b.json'), '{}'));
await run('writeFileSync', () => writeFileSync(join(dir, 'c.json'), '{}'));
await run('fdWriteSync', () => { const fd = openSync(join(dir, 'd.bin'), 'w'); try { writeSync(fd, 'x'); } finally { closeSync(fd); } });
await run('stream', () => new Promise((resolve, reject) => {
  const s = createWriteStream(join(dir, 'e.log'));
  s.on('error', reject);
  s.end('line\\n', (err) => (err ? reject(err) : resolve()));
}));
await run('outside', () => writeFile(outside, 'fine'));
result.tempFilesLeft = readdirSync(dir).filter((n) => n.endsWith('.tmp')).length;
process.stdout.write(JSON.stringify(result));
`;

function runChild(): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      preload,
      '--input-type=module',
      '-e',
      CHILD,
      stateDir,
      join(work, 'outside.txt'),
    ],
    {
      env: { ...process.env, TAONODE_SOAK_ENOSPC_DIR: stateDir, TAONODE_SOAK_ENOSPC_FLAG: flag },
      encoding: 'utf8',
    },
  );
  expect(r.stderr).not.toMatch(/Error/);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the ENOSPC preload', () => {
  it('fails every write under the state folder while the flag file exists, and only there', () => {
    writeFileSync(flag, 'full');
    expect(runChild()).toEqual({
      atomic: 'ENOSPC',
      promisesWriteFile: 'ENOSPC',
      writeFileSync: 'ENOSPC',
      fdWriteSync: 'ENOSPC',
      stream: 'ENOSPC',
      outside: 'ok',
      tempFilesLeft: 0,
    });
  });

  it('changes nothing once the flag file is gone', () => {
    rmSync(flag);
    expect(runChild()).toEqual({
      atomic: 'ok',
      promisesWriteFile: 'ok',
      writeFileSync: 'ok',
      fdWriteSync: 'ok',
      stream: 'ok',
      outside: 'ok',
      tempFilesLeft: 0,
    });
  });
});
