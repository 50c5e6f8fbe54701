import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFiles, parseSdxlManifest } from '@taonode/diffusion';
import { defaultTinySdxlDir, ensureTinySdxl } from '@taonode/diffusion/testing';
import { type FakeHubFile, startFakeHub } from '@taonode/inference/testing';
import { SDXL_BASE_MANIFEST, SDXL_BASE_REPO, SDXL_BASE_REVISION } from '@taonode/sn30';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

// The real SDXL base 1.0 manifest, fetched from a local server speaking the hub's file API at the
// pinned revision; the contents are the tiny stand-ins (and filler for the external-data files).
let dir: string;
let files: FakeHubFile[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-fetch-'));
  await ensureTinySdxl();
  const tiny = defaultTinySdxlDir();
  files = manifestFiles(parseSdxlManifest(SDXL_BASE_MANIFEST)).map((f) => {
    let content: Uint8Array;
    try {
      content = readFileSync(join(tiny, f.path));
    } catch {
      content = new Uint8Array(50_000).map((_, i) => (i * 7 + f.path.length) % 256);
    }
    // Small text files are plain git blobs on the hub; model weights are LFS.
    return { path: f.path, content, lfs: !f.path.startsWith('tokenizer') };
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('taonode models fetch sn30', () => {
  it('fetches every file of the pinned SDXL export and verifies it', async () => {
    const hub = await startFakeHub(SDXL_BASE_REPO, SDXL_BASE_REVISION, files);
    try {
      const r = await runCli(
        ['models', 'fetch', 'sn30', '--hub-url', hub.url, '--cache-dir', dir, '--json'],
        {
          timeoutMs: 120_000,
        },
      );
      expect(r.stderr).toContain(`${SDXL_BASE_REPO}@${SDXL_BASE_REVISION}`);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { files: { path: string; sha256: string }[] };
      expect(out.files.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort());
      for (const f of out.files) expect(f.sha256).toBe(sha(files.find((x) => x.path === f.path)!.content));
      expect(hub.requests).toContain(`POST /api/models/${SDXL_BASE_REPO}/paths-info/${SDXL_BASE_REVISION}`);
    } finally {
      await hub.close();
    }
  }, 150_000);

  it('names a corrupt download and the fix', async () => {
    const corrupt = files.map((f) =>
      f.path === 'unet/model.onnx_data' ? { ...f, served: f.content.map((b) => b ^ 1) } : f,
    );
    const hub = await startFakeHub(SDXL_BASE_REPO, SDXL_BASE_REVISION, corrupt);
    try {
      const fresh = await mkdtemp(join(tmpdir(), 'taonode-fetch-'));
      const r = await runCli(['models', 'fetch', 'sn30', '--hub-url', hub.url, '--cache-dir', fresh], {
        timeoutMs: 120_000,
      });
      await rm(fresh, { recursive: true, force: true });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/unet\/model\.onnx_data.*has sha256 .* expected/);
      expect(r.stderr).toMatch(/run again/);
    } finally {
      await hub.close();
    }
  }, 150_000);
});
