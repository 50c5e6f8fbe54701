import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainError } from '@taonode/chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelCommitment } from '../commitment/modelCommitment.js';
import { CommitmentRateLimitedError, HubAuthError, MissingFileError, ModelContractError } from '../errors.js';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  startFakeModelHub,
  type TinySn21Models,
} from '../testing/index.js';
import { resolveHfToken } from './hfToken.js';
import { checkModelForSubmit, submitModel } from './submitModel.js';

const token = 'hf_secret_token_value';
const hotkey = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
let tiny: TinySn21Models;
let hub: FakeModelHub;
let work: string;

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
  hub = await startFakeModelHub({ token });
  work = await mkdtemp(join(tmpdir(), 'sn21-submit-'));
});
afterAll(async () => {
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(tiny.dirs.good, dir, { recursive: true });
  return dir;
}

describe('submitModel (what `taonode sn21 submit` runs)', () => {
  it('checks, writes hotkey.txt, uploads, and commits the pinned commitment', async () => {
    const dir = await folder('ok');
    const committed: string[] = [];
    const steps: string[] = [];
    const r = await submitModel({
      dir,
      repo: 'alice/captioner',
      hotkey,
      hub: { hubUrl: hub.url, accessToken: token },
      check: { embedding: tiny.rows[2]!.embedding },
      commit: async (c) => {
        committed.push(c);
        return { blockHash: '0xabc' };
      },
      onStep: (s) => steps.push(s),
    });
    expect(steps).toEqual(['check', 'caption', 'upload', 'commit']);
    expect(r.caption).toBe(tiny.rows[2]!.description);
    expect(committed).toEqual([r.commitment]);
    const c = parseModelCommitment(r.commitment);
    expect(c).toMatchObject({ namespace: 'alice', name: 'captioner', commit: r.revision, competition: 'o1' });
    expect(await readFile(join(dir, 'hotkey.txt'), 'utf8')).toBe(`${hotkey}\n`);
    const files = hub.filesAt('alice/captioner', r.revision);
    expect([...(files?.keys() ?? [])].sort()).toEqual([
      'hotkey.txt',
      'onnx/decoder_model_merged.onnx',
      'onnx/embed_tokens.onnx',
      'onnx/projector.onnx',
      'sn21.json',
      'tokenizer.json',
    ]);
    expect(r.blockHash).toBe('0xabc');
  });

  it('maps the chain’s commitment rate limit to a clear error, after the upload', async () => {
    const dir = await folder('limited');
    const err = await submitModel({
      dir,
      repo: 'alice/second',
      hotkey,
      hub: { hubUrl: hub.url, accessToken: token },
      commit: async () => {
        throw new ChainError('CommitmentSetRateLimitExceeded', 'Commitments.CommitmentSetRateLimitExceeded', {
          pallet: 'Commitments',
        });
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitmentRateLimitedError);
    expect((err as CommitmentRateLimitedError).message).toMatch(
      /refused the commitment \(CommitmentSetRateLimitExceeded\)/,
    );
    expect((err as CommitmentRateLimitedError).hint).toMatch(/--commit-only/);
    expect(hub.filesAt('alice/second')).toBeDefined();
  });

  it('refuses a broken folder before uploading, a bad token without leaking it, an over-long repo name', async () => {
    const dir = await folder('broken');
    await rm(join(dir, 'tokenizer.json'));
    const before = hub.requests.length;
    const missing = await checkModelForSubmit(dir).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MissingFileError);
    expect((missing as MissingFileError).disposition).toBe('usage');
    await writeFile(join(dir, 'tokenizer.json'), '{"model": 3}');
    expect(await checkModelForSubmit(dir).catch((e: unknown) => e)).toBeInstanceOf(ModelContractError);
    expect(hub.requests.length).toBe(before);

    const bad = await submitModel({
      dir: await folder('badtoken'),
      repo: 'alice/third',
      hotkey,
      hub: { hubUrl: hub.url, accessToken: 'hf_wrong_token' },
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(HubAuthError);
    expect((bad as Error).message).not.toContain('hf_wrong_token');

    await expect(
      submitModel({
        dir,
        repo: `${'a'.repeat(50)}/${'b'.repeat(40)}`,
        hotkey,
        hub: { hubUrl: hub.url, accessToken: token },
      }),
    ).rejects.toThrow(/more than 128/);
  });

  it('reads the token from a file or HF_TOKEN', async () => {
    const file = join(work, 'token');
    await writeFile(file, `${token}\n`);
    expect(await resolveHfToken({ file, env: 'other' })).toBe(token);
    expect(await resolveHfToken({ env: ` ${token} ` })).toBe(token);
    await expect(resolveHfToken({ env: 'not-a-token' })).rejects.toThrow(/does not look like a hub token/);
    await expect(resolveHfToken({})).rejects.toBeInstanceOf(HubAuthError);
    await expect(resolveHfToken({ file: join(work, 'none') })).rejects.toThrow(/cannot read the token file/);
  });
});
