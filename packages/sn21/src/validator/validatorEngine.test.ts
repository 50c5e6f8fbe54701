import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import type { OnnxImageBindText } from '@taonode/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelCommitment, formatModelCommitment } from '../commitment/modelCommitment.js';
import { localDatasetSource } from '../evaluation/datasetSource.js';
import { hashModelFolder } from '../hub/contentHash.js';
import { uploadModelFolder } from '../hub/hubUpload.js';
import { ModelCache } from '../hub/modelCache.js';
import { effectiveScores, emptySn21State, type Sn21State } from '../scoring/scoreState.js';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  loadTinyImageBindText,
  startFakeModelHub,
  type TinySn21Models,
  testDatasetFiles,
} from '../testing/index.js';
import { seedBlockOf } from './roundSeed.js';
import type { Sn21Logger } from './sn21Logger.js';
import { type Sn21ChainReads, Sn21ValidatorEngine, type Sn21ValidatorSettings } from './validatorEngine.js';
import { sn21WeightRound } from './weightRound.js';

const token = 'hf_write';
const T0 = Date.parse('2026-01-01T00:00:00Z');
// Hotkeys by uid; uid 0 is the burn uid, 1 the validator.
const hotkeys = [
  '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM',
  '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', // alice: good
  '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y', // bob: noise
  '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy', // carol: copy of good, later
  '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw', // dave: wrong hotkey.txt
  '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL', // eve: malformed commitment
  '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY', // frank: other competition
  '5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc', // gina: revision not on the hub
];
const [, , alice, bob, carol, dave, eve, frank, gina] = hotkeys as [string, ...string[]];

let tiny: TinySn21Models;
let text: OnnxImageBindText;
let hub: FakeModelHub;
let work: string;
let cache: ModelCache;
const revisions: Record<string, string> = {};

class CapturedLog implements Sn21Logger {
  lines: { level: string; message: string; details: Record<string, unknown> }[] = [];
  info(details: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'info', message, details });
  }
  warn(details: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'warn', message, details });
  }
  error(details: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'error', message, details });
  }
  count(message: string) {
    return this.lines.filter((l) => l.message === message).length;
  }
}

/** Block n at T0 + 12 s·n, with a hash derived from n. */
function fakeChain(commitments: () => { hotkey: string; block: number; text: string }[]): Sn21ChainReads {
  return {
    commitments: async () => commitments(),
    blockInfo: async (n) => ({
      hash: `0x${createHash('sha256').update(String(n)).digest('hex')}`,
      timeMs: T0 + n * 12_000,
    }),
  };
}

async function publish(repo: string, from: string, hotkey: string): Promise<string> {
  const dir = join(work, 'upload', repo.replace('/', '_'));
  await rm(dir, { recursive: true, force: true });
  await cp(from, dir, { recursive: true });
  await writeFile(join(dir, 'hotkey.txt'), `${hotkey}\n`);
  const files = (await hashModelFolder(dir)).files.map((f) => f.path);
  return uploadModelFolder(
    { hubUrl: hub.url, accessToken: token },
    { repo, dir, paths: [...files, 'hotkey.txt'], title: repo },
  );
}

const commit = (repo: string, sha: string, competition = 'o1') =>
  formatModelCommitment(buildModelCommitment({ repo, commit: sha, competition }));

const settings: Sn21ValidatorSettings = {
  competition: 'o1',
  roundBlocks: 100,
  timeLimitMs: 60_000,
  reevaluateAfterMs: 3_600_000,
  session: { device: 'cpu', threads: 1 },
};

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
  text = await loadTinyImageBindText();
  // Repos exist an hour before the first commitment block's time.
  hub = await startFakeModelHub({ token, now: () => new Date(T0 - 3_600_000) });
  work = await mkdtemp(join(tmpdir(), 'sn21-engine-'));
  for (const f of testDatasetFiles(tiny.rows, { timeMs: T0 - 2 * 3_600_000, rowsPerFile: 16 })) {
    await writeFileAtomic(join(work, 'dataset', f.path), f.bytes);
  }
  cache = await ModelCache.open({ dir: join(work, 'cache'), maxBytes: 256 * 1024 ** 2 });
  revisions.alice = await publish('alice/good', tiny.dirs.good, alice);
  revisions.bob = await publish('bob/noise', tiny.dirs.noise, bob);
  revisions.carol = await publish('carol/mine', tiny.dirs.copy, carol);
  revisions.dave = await publish('dave/good', tiny.dirs.good, alice);
  revisions.frank = await publish('frank/good', tiny.dirs.good, frank);
}, 120_000);
afterAll(async () => {
  await text?.release();
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

function engine(chain: Sn21ChainReads, log: Sn21Logger, over: Partial<{ dataset: string }> = {}) {
  return new Sn21ValidatorEngine(
    {
      chain,
      hub: { hubUrl: hub.url },
      cache,
      dataset: localDatasetSource(over.dataset ?? join(work, 'dataset')),
      text,
      baseline: { kind: 'local', dir: tiny.dirs.half },
      logger: log,
      now: () => T0 + 3 * 3_600_000,
    },
    settings,
  );
}

describe('the SN21 validator engine, one step at a time', () => {
  let state: Sn21State = emptySn21State('o1');
  const commitments = () => [
    { hotkey: alice, block: 10, text: commit('alice/good', revisions.alice!) },
    { hotkey: bob, block: 11, text: commit('bob/noise', revisions.bob!) },
    { hotkey: carol, block: 20, text: commit('carol/mine', revisions.carol!) },
    { hotkey: dave, block: 12, text: commit('dave/good', revisions.dave!) },
    { hotkey: eve, block: 13, text: 'not a model pointer' },
    { hotkey: frank, block: 14, text: commit('frank/good', revisions.frank!, 'v4') },
    { hotkey: gina, block: 15, text: commit('gina/none', 'a'.repeat(40)) },
    // Not registered: never read into the state.
    { hotkey: '5Ck5SLSHYac6WFt5UZRSsdJjwmpSZq85fd5TRNAdZQVzEAPT', block: 16, text: 'x' },
  ];
  const log = new CapturedLog();
  const chain = fakeChain(commitments);
  const e = () => engine(chain, log);
  let shared: Sn21ValidatorEngine;

  it('evaluates every due model: scores, penalties, copies, ignored commitments; B on the same rows', async () => {
    shared = e();
    const { state: next, report } = await shared.step(state, {
      hotkeys,
      currentBlock: 250,
      budgetMs: 600_000,
    });
    state = next;
    expect(report.commitments).toBe(7);
    expect(report.round?.seedBlock).toBe(seedBlockOf(250, 100));
    expect(report.round?.rows).toBe(64);
    // The tiny text encoder squeezes cosines towards 1; only the order matters: noise < half < good.
    expect(report.baseline).toBeLessThan(0.9999);
    expect(report.ignored.map((i) => i.hotkey)).toEqual([eve]);
    const byHotkey = new Map(report.evaluated.map((r) => [r.hotkey, r]));
    expect(byHotkey.get(alice)).toMatchObject({ kind: 'scored' });
    expect(byHotkey.get(alice)?.kind === 'scored' && byHotkey.get(alice)).toMatchObject({ uid: 2 });
    expect(byHotkey.get(dave)).toMatchObject({ kind: 'penalty', code: 'HOTKEY_MISMATCH', score: 0.001 });
    expect(byHotkey.get(gina)).toMatchObject({ kind: 'penalty', code: 'REVISION_NOT_FOUND', score: 0 });
    expect(byHotkey.has(frank)).toBe(false); // penalised at sync, never downloaded

    const eff = new Map(effectiveScores(state).map((s) => [s.hotkey, s]));
    expect(eff.get(alice)?.score).toBeCloseTo(1, 5);
    expect(eff.get(alice)?.beatsBaseline).toBe(true);
    expect(eff.get(bob)?.beatsBaseline).toBe(false);
    expect(eff.get(bob)?.score).toBeLessThan(report.baseline!);
    expect(eff.get(carol)).toMatchObject({ score: 0.001, copyOf: alice, penalty: 'COPY' });
    expect(eff.get(frank)).toMatchObject({ score: 0, penalty: 'WRONG_COMPETITION' });
    expect(state.baseline?.score).toBe(report.baseline);
    expect(log.count('SN21 commitment ignored')).toBe(1);
    expect(log.lines.find((l) => l.message === 'SN21 commitment ignored')?.details.reason).toMatch(
      /malformed SN21 commitment/,
    );
    expect(log.count('SN21 model penalised')).toBe(2);

    const { weights } = sn21WeightRound(state, hotkeys.length, { burnUid: 0 });
    expect(weights[2]).toBeGreaterThan(0.7); // alice: the only model above B
    expect(weights[0]).toBe(0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  }, 180_000);

  it('a later step finds nothing due, logs nothing again and keeps the round', async () => {
    const before = log.lines.length;
    const { state: next, report } = await shared.step(state, {
      hotkeys,
      currentBlock: 260,
      budgetMs: 60_000,
    });
    expect(report.evaluated).toEqual([]);
    expect(report.pending).toBe(0);
    expect(log.lines.length).toBe(before);
    expect(next.models).toEqual(state.models);
  });

  it('a changed commitment is evaluated again; the hub down is a retry that keeps the old score', async () => {
    const changed = commitments().map((c) =>
      c.hotkey === bob
        ? { ...c, block: 40, text: commit('bob/noise', revisions.bob!).replace(':0:', ':1:') }
        : c,
    );
    const local = new CapturedLog();
    const again = engine(
      fakeChain(() => changed),
      local,
    );
    hub.failWith = 503;
    try {
      const { state: next, report } = await again.step(state, {
        hotkeys,
        currentBlock: 260,
        budgetMs: 600_000,
      });
      expect(report.evaluated).toEqual([
        expect.objectContaining({ hotkey: bob, kind: 'retry', code: 'HUB_UNAVAILABLE' }),
      ]);
      // B came from the state (same rows), not from a new evaluation.
      expect(local.count('SN21 baseline evaluated on the round')).toBe(0);
      expect(next.models[bob]?.retries).toBe(1);
      expect(next.models[alice]?.score).toBeCloseTo(1, 5);
    } finally {
      hub.failWith = undefined;
    }
  }, 120_000);

  it('a budget smaller than one evaluation leaves the models pending', async () => {
    const fresh = emptySn21State('o1');
    const { report } = await e().step(fresh, { hotkeys, currentBlock: 250, budgetMs: 1000 });
    expect(report.evaluated).toEqual([]);
    expect(report.pending).toBeGreaterThan(0);
  }, 60_000);

  it('no dataset: the step waits (logged once), nobody is penalised', async () => {
    const local = new CapturedLog();
    const noData = engine(chain, local, { dataset: join(work, 'missing') });
    const fresh = emptySn21State('o1');
    for (let i = 0; i < 2; i++) {
      const { state: next, report } = await noData.step(fresh, {
        hotkeys,
        currentBlock: 250,
        budgetMs: 600_000,
      });
      expect(report.waiting).toMatch(/cannot prepare the rows/);
      expect(report.evaluated).toEqual([]);
      expect(
        Object.values(next.models).every(
          (m) => m.penalty === undefined || m.penalty.code === 'WRONG_COMPETITION',
        ),
      ).toBe(true);
    }
    expect(local.count('SN21 evaluation waits')).toBe(1);
  });
});
