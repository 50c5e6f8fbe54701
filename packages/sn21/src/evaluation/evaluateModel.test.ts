import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OnnxImageBindText } from '@taonode/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelCommitment } from '../commitment/modelCommitment.js';
import { EvaluationTimeoutError, ModelContractError } from '../errors.js';
import { hashModelFolder } from '../hub/contentHash.js';
import { uploadModelFolder } from '../hub/hubUpload.js';
import { ModelCache } from '../hub/modelCache.js';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  loadTinyImageBindText,
  startFakeModelHub,
  type TinySn21Models,
} from '../testing/index.js';
import { referenceEmbeddings } from './evaluateCaptions.js';
import {
  type EvaluationRound,
  evaluateBaseline,
  evaluateCommitment,
  evaluateModelFolder,
} from './evaluateModel.js';

const token = 'hf_write';
const hotkey = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const T0 = Date.parse('2026-01-01T00:00:00Z');
let tiny: TinySn21Models;
let text: OnnxImageBindText;
let hub: FakeModelHub;
let work: string;
let round: EvaluationRound;

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
  text = await loadTinyImageBindText();
  hub = await startFakeModelHub({ token, now: () => new Date(T0) });
  work = await mkdtemp(join(tmpdir(), 'sn21-eval-'));
  const rows = tiny.rows
    .slice(0, 12)
    .map((r) => ({ id: r.videoId, description: r.description, embedding: r.embedding }));
  round = { seed: 's', rows, references: await referenceEmbeddings(text, rows), files: [] };
});
afterAll(async () => {
  await text?.release();
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

const options = () => ({ text, timeLimitMs: 120_000, session: { device: 'cpu' as const, threads: 1 } });

describe('evaluating models on a round', () => {
  it('the good model scores 1 (its captions are the ground truth); noise scores lower', async () => {
    const good = await evaluateModelFolder(tiny.dirs.good, round, options());
    expect(good.score).toBeCloseTo(1, 5);
    expect(good.rows.every((r) => r.stoppedBy === 'eos')).toBe(true);
    expect(good.rows[0]!.caption).toBe(round.rows[0]!.description);
    const noise = await evaluateModelFolder(tiny.dirs.noise, round, options());
    expect(noise.score).toBeLessThan(good.score - 0.05);
  });

  it('a model that never stops is cut at the token limit, and penalised past the time limit', async () => {
    const limited = await evaluateModelFolder(tiny.dirs.neverEos, round, { ...options(), maxNewTokens: 20 });
    expect(limited.rows.every((r) => r.stoppedBy === 'limit' && r.tokens === 20)).toBe(true);
    const err = await evaluateModelFolder(tiny.dirs.neverEos, round, { ...options(), timeLimitMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EvaluationTimeoutError);
    expect((err as EvaluationTimeoutError).disposition).toBe('penalty');
    expect((err as EvaluationTimeoutError).message).toMatch(/exceeded 50 ms after \d+\/12 rows/);
  });

  it('a committed model end to end: fetched at its revision, checked, scored; a copy has the same content hash', async () => {
    const dir = join(work, 'alice');
    await cp(tiny.dirs.good, dir, { recursive: true });
    await writeFile(join(dir, 'hotkey.txt'), hotkey);
    const files = (await hashModelFolder(dir)).files.map((f) => f.path);
    const sha = await uploadModelFolder(
      { hubUrl: hub.url, accessToken: token },
      { repo: 'alice/good', dir, paths: [...files, 'hotkey.txt'], title: 'good' },
    );
    const cache = await ModelCache.open({ dir: join(work, 'cache'), maxBytes: 64 * 1024 ** 2 });
    const commitment = buildModelCommitment({ repo: 'alice/good', commit: sha, competition: 'o1' });
    const args = { hub: { hubUrl: hub.url }, cache, commitment, hotkey, commitTimeMs: T0 + 60_000 };
    const outcome = await evaluateCommitment(args, round, options());
    expect(outcome.kind).toBe('scored');
    if (outcome.kind === 'scored') {
      expect(outcome.score).toBeCloseTo(1, 5);
      expect(outcome.revision).toBe(sha);
      expect(outcome.contentHash).toBe((await hashModelFolder(tiny.dirs.copy)).contentHash);
    }
    const baseline = await evaluateBaseline({ kind: 'hf', repo: 'alice/good', revision: sha }, round, {
      ...options(),
      hub: { hubUrl: hub.url },
      cache,
    });
    expect(baseline.score).toBeCloseTo(1, 5);

    // Corrupt graph pushed under another commit: a penalty with its reason, never a throw.
    await writeFile(join(dir, 'onnx/decoder_model_merged.onnx'), 'garbage');
    const bad = await uploadModelFolder(
      { hubUrl: hub.url, accessToken: token },
      { repo: 'alice/good', dir, paths: ['onnx/decoder_model_merged.onnx'], title: 'oops' },
    );
    const failed = await evaluateCommitment(
      { ...args, commitment: { ...commitment, commit: bad } },
      round,
      options(),
    );
    expect(failed.kind).toBe('failed');
    if (failed.kind === 'failed') {
      expect(failed.error).toBeInstanceOf(ModelContractError);
      expect(failed.error.disposition).toBe('penalty');
      expect(failed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    hub.failWith = 503;
    const retry = await evaluateCommitment(args, round, options());
    hub.failWith = undefined;
    expect(retry.kind === 'failed' && retry.error.disposition).toBe('retry');
  });
});
