import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelCommitment, type ModelCommitment } from '../commitment/modelCommitment.js';
import { MODEL_FILES } from '../contract/modelFiles.js';
import {
  HotkeyMismatchError,
  HubUnavailableError,
  MissingFileError,
  RepoTooLargeError,
  RepoTooNewError,
  RevisionNotFoundError,
  type Sn21Error,
} from '../errors.js';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  startFakeModelHub,
  type TinySn21Models,
} from '../testing/index.js';
import { hashModelFolder } from './contentHash.js';
import { fetchCommittedModel } from './fetchCommittedModel.js';
import { uploadModelFolder } from './hubUpload.js';
import { ModelCache } from './modelCache.js';

const token = 'hf_test_write_token';
const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
let hub: FakeModelHub;
let tiny: TinySn21Models;
let work: string;
const T0 = Date.parse('2026-01-01T00:00:00Z');

async function publish(repo: string, dir: string, hotkey: string): Promise<ModelCommitment> {
  await writeFile(join(dir, 'hotkey.txt'), `${hotkey}\n`);
  const model = await hashModelFolder(dir);
  const sha = await uploadModelFolder(
    { hubUrl: hub.url, accessToken: token },
    { repo, dir, paths: [...model.files.map((f) => f.path), 'hotkey.txt'], title: 'model' },
  );
  return buildModelCommitment({ repo, commit: sha, competition: 'o1' });
}

const caught = async (p: Promise<unknown>): Promise<Sn21Error> => {
  try {
    await p;
  } catch (err) {
    return err as Sn21Error;
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
  hub = await startFakeModelHub({ token, now: () => new Date(T0) });
  work = await mkdtemp(join(tmpdir(), 'sn21-fetch-'));
});
afterAll(async () => {
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

async function folderCopy(kind: keyof TinySn21Models['dirs'], name: string): Promise<string> {
  const dir = join(work, name);
  for (const p of Object.values(MODEL_FILES)) {
    const bytes = await readFile(join(tiny.dirs[kind], p));
    await mkdir(join(dir, p, '..'), { recursive: true });
    await writeFile(join(dir, p), bytes);
  }
  return dir;
}

describe('fetching a committed model at its revision', () => {
  it('uploads with @huggingface/hub, then fetches the pinned revision into the cache with its content hash', async () => {
    const dir = await folderCopy('good', 'alice');
    const commitment = await publish('alice/captioner', dir, alice);
    expect(hub.requests.some((r) => r.startsWith('POST /api/repos/create'))).toBe(true);
    const cache = await ModelCache.open({ dir: join(work, 'cache1'), maxBytes: 50 * 1024 ** 2 });
    const args = { hub: { hubUrl: hub.url }, cache, commitment, hotkey: alice, commitTimeMs: T0 + 60_000 };
    const fetched = await fetchCommittedModel(args);
    expect(fetched.cached).toBe(false);
    expect(fetched.revision).toBe(commitment.commit);
    expect(fetched.model.contentHash).toBe((await hashModelFolder(dir)).contentHash);
    expect(await readFile(join(fetched.model.dir, MODEL_FILES.decoder))).toEqual(
      await readFile(join(dir, MODEL_FILES.decoder)),
    );
    fetched.release();

    // A later push to the repo does not change what the pinned commitment fetches.
    hub.seedCommit('alice/captioner', { [MODEL_FILES.config]: '{}' });
    const again = await fetchCommittedModel(args);
    expect(again.cached).toBe(true);
    expect(again.model.contentHash).toBe(fetched.model.contentHash);
    again.release();

    // A copy of the same files under another hotkey hashes the same.
    const copyDir = await folderCopy('copy', 'bob');
    const copied = await publish('bob/totally-original', copyDir, bob);
    const copy = await fetchCommittedModel({ ...args, commitment: copied, hotkey: bob });
    expect(copy.model.contentHash).toBe(fetched.model.contentHash);
    copy.release();
  });

  it('penalises a wrong or missing hotkey.txt and a repo younger than its commitment', async () => {
    const dir = await folderCopy('good', 'carol');
    const commitment = await publish('carol/model', dir, alice);
    const cache = await ModelCache.open({ dir: join(work, 'cache2'), maxBytes: 50 * 1024 ** 2 });
    const base = { hub: { hubUrl: hub.url }, cache, commitment, hotkey: bob, commitTimeMs: T0 + 60_000 };
    const wrong = await caught(fetchCommittedModel(base));
    expect(wrong).toBeInstanceOf(HotkeyMismatchError);
    expect(wrong.message).toContain(`names ${alice}`);
    expect(wrong.penaltyScore).toBe(0.001);

    const noHotkey = hub.seedRepo('carol/nohotkey', {
      createdAt: new Date(T0 - 3_600_000),
      files: { 'sn21.json': '{}' },
    });
    const none = await caught(
      fetchCommittedModel({ ...base, commitment: { ...commitment, name: 'nohotkey', commit: noHotkey! } }),
    );
    expect(none).toBeInstanceOf(HotkeyMismatchError);
    expect(none.message).toBe('carol/nohotkey has no hotkey.txt');
    const young = await caught(fetchCommittedModel({ ...base, hotkey: alice, commitTimeMs: T0 + 5_000 }));
    expect(young).toBeInstanceOf(RepoTooNewError);
    expect(young.message).toMatch(/created 5 s before its commitment block; at least 12 s/);
    expect(young.disposition).toBe('penalty');
  });

  it('refuses an unknown revision or repo, an oversized repo and missing model files', async () => {
    const dir = await folderCopy('good', 'dave');
    const commitment = await publish('dave/model', dir, alice);
    const cache = await ModelCache.open({ dir: join(work, 'cache3'), maxBytes: 50 * 1024 ** 2 });
    const base = { hub: { hubUrl: hub.url }, cache, commitment, hotkey: alice, commitTimeMs: T0 + 60_000 };
    const gone = await caught(
      fetchCommittedModel({ ...base, commitment: { ...commitment, commit: 'f'.repeat(40) } }),
    );
    expect(gone).toBeInstanceOf(RevisionNotFoundError);
    expect(gone.message).toContain(`dave/model@${'f'.repeat(40)} is not on the hub`);
    expect(gone.disposition).toBe('penalty');
    const noRepo = await caught(
      fetchCommittedModel({ ...base, commitment: { ...commitment, name: 'nothing' } }),
    );
    expect(noRepo).toBeInstanceOf(RevisionNotFoundError);

    const big = await caught(fetchCommittedModel({ ...base, maxRepoBytes: 1000 }));
    expect(big).toBeInstanceOf(RepoTooLargeError);
    expect(big.message).toMatch(/dave\/model holds \d+ bytes, more than the limit of 1000/);
    const tinyCache = await ModelCache.open({ dir: join(work, 'cache4'), maxBytes: 10_000 });
    expect(await caught(fetchCommittedModel({ ...base, cache: tinyCache }))).toBeInstanceOf(
      RepoTooLargeError,
    );

    const partial = hub.seedRepo('erin/partial', {
      createdAt: new Date(T0 - 3_600_000),
      files: { 'hotkey.txt': alice, 'sn21.json': '{}' },
    });
    const missing = await caught(
      fetchCommittedModel({
        ...base,
        commitment: { ...commitment, namespace: 'erin', name: 'partial', commit: partial! },
      }),
    );
    expect(missing).toBeInstanceOf(MissingFileError);
    expect(missing.message).toMatch(/lacks tokenizer.json, onnx\/projector.onnx/);
  });

  it('classifies an unreachable or failing hub as retry', async () => {
    const dir = await folderCopy('good', 'frank');
    const commitment = await publish('frank/model', dir, alice);
    const cache = await ModelCache.open({ dir: join(work, 'cache5'), maxBytes: 50 * 1024 ** 2 });
    const base = { hub: { hubUrl: hub.url }, cache, commitment, hotkey: alice, commitTimeMs: T0 + 60_000 };
    hub.failWith = 503;
    try {
      const down = await caught(fetchCommittedModel(base));
      expect(down).toBeInstanceOf(HubUnavailableError);
      expect(down.disposition).toBe('retry');
      expect(down.message).toContain('HTTP 503');
    } finally {
      hub.failWith = undefined;
    }
    const closed = await caught(fetchCommittedModel({ ...base, hub: { hubUrl: 'http://127.0.0.1:9' } }));
    expect(closed).toBeInstanceOf(HubUnavailableError);
    expect(closed.disposition).toBe('retry');
  });
});
