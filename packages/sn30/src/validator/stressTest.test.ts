import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { seededRandom } from '../testing/seededRandom.js';
import type { DownloadOutcome, GenerateOutcome } from './minerClient.js';
import type { AuditVerdict, OutputScorer } from './outputScorer.js';
import {
  type MinerLink,
  newStressTest,
  runStressTest,
  type StressOutcome,
  type StressProgress,
  stressProgressSchema,
} from './stressTest.js';

const SHAPE = { width: 64, height: 64, steps: 4, minSize: 8 };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A miner whose latency grows with the round's concurrency; behaviour per request is scriptable. */
class FakeMiner implements MinerLink {
  readonly events: string[] = [];
  readonly stored = new Map<string, { bytes: Uint8Array; inputs: GenerationInputs }>();
  readonly deleted: string[] = [];
  private pending = 0;
  private peak = 0;
  private indexInRound = 0;
  next = 0;
  /** Seconds a request takes at this concurrency; undefined = it fails. */
  latency: (concurrency: number, index: number) => number | undefined = (c) => c;
  /** Serve other bytes than committed for this id. */
  swap = new Set<string>();
  failDownload = new Set<string>();

  async generate(inputs: GenerationInputs): Promise<GenerateOutcome> {
    this.pending++;
    this.peak = Math.max(this.peak, this.pending);
    // Everyone in a round is asked before anyone answers.
    await new Promise((r) => setImmediate(r));
    const concurrency = this.peak;
    const seconds = this.latency(concurrency, this.indexInRound++);
    if (--this.pending === 0) {
      this.peak = 0;
      this.indexInRound = 0;
    }
    this.events.push('generate');
    if (seconds === undefined) return { ok: false, status: 500, reason: 'boom', seconds: 1 };
    const id = `id${this.next++}`;
    const bytes = new TextEncoder().encode(`${inputs.prompt}|${inputs.seed}`);
    this.stored.set(id, { bytes, inputs });
    return { ok: true, id, sha256: sha(bytes), seconds };
  }

  async download(id: string): Promise<DownloadOutcome> {
    this.events.push('download');
    if (this.failDownload.has(id)) return { ok: false, status: 404, reason: 'gone' };
    const s = this.stored.get(id);
    if (!s) return { ok: false, status: 404, reason: 'unknown' };
    this.stored.delete(id);
    return { ok: true, bytes: this.swap.has(id) ? new Uint8Array([1, 2, 3]) : s.bytes };
  }

  async delete(id: string): Promise<boolean> {
    this.deleted.push(id);
    return this.stored.delete(id);
  }
}

class FakeScorer implements OutputScorer {
  seen: Uint8Array[] = [];
  verdict: (bytes: Uint8Array, n: number) => AuditVerdict | 'throw' = () => ({
    passed: true,
    minModelCosine: 1,
    steps: [0, 1, 2],
  });
  async score(_inputs: GenerationInputs, bytes: Uint8Array): Promise<AuditVerdict> {
    const v = this.verdict(bytes, this.seen.length);
    this.seen.push(bytes);
    if (v === 'throw') throw new Error('onnx failed');
    return v;
  }
}

async function run(
  miner: FakeMiner,
  o: {
    scorer?: FakeScorer;
    config?: object;
    from?: StressProgress;
    now?: number;
    checkpoints?: StressProgress[];
  } = {},
): Promise<StressOutcome> {
  const rng = seededRandom(42);
  const start = o.from ?? newStressTest({ uid: 3, hotkey: 'hk' }, SHAPE, {}, 0, rng);
  return runStressTest(start, {
    link: miner,
    scorer: o.scorer ?? new FakeScorer(),
    shape: SHAPE,
    rng,
    now: () => o.now ?? 1000,
    config: o.config ?? {},
    checkpoint: (p) => {
      o.checkpoints?.push(p);
    },
  });
}

describe('stress test (spec §4.2 with the §8 fixes)', () => {
  it('doubles from 4 until the slowest success passes 30 s, crediting that last round', async () => {
    const miner = new FakeMiner();
    const out = await run(miner);
    expect(out).toMatchObject({ kind: 'measured', count: 32, seconds: 32, errorRate: 0, similarity: 1 });
    if (out.kind !== 'measured') throw new Error();
    expect(out.rounds.map((r) => r.count)).toEqual([4, 8, 16, 32]);
    // 60 successes: max(1, floor(6.25 %)) = 3 audited, every other result deleted.
    expect(out.audited).toBe(3);
    expect(miner.deleted).toHaveLength(57);
  });

  it('stops at an error rate of 25 % and credits that round with its error rate', async () => {
    const miner = new FakeMiner();
    miner.latency = (c, i) => (c >= 16 && i % 4 === 0 ? undefined : 1);
    const out = await run(miner);
    expect(out).toMatchObject({ kind: 'measured', count: 16, errorRate: 0.25 });
  });

  it('a round that fails completely ends the test with the previous round: no throughput for it', async () => {
    const miner = new FakeMiner();
    miner.latency = (c) => (c >= 16 ? undefined : 2);
    const out = await run(miner);
    expect(out).toMatchObject({ kind: 'measured', count: 8, seconds: 2, errorRate: 0 });
  });

  it('fails the test when the first round fails completely', async () => {
    const miner = new FakeMiner();
    miner.latency = () => undefined;
    expect(await run(miner)).toMatchObject({
      kind: 'failed',
      cheater: false,
      reason: /no successful Generate \(500 boom\)/,
    });
  });

  it('respects the concurrency cap and the request budget', async () => {
    const capped = await run(new FakeMiner(), { config: { maxConcurrency: 8 } });
    expect(capped).toMatchObject({ kind: 'measured', count: 8 });
    const budget = await run(new FakeMiner(), { config: { maxRequests: 10 } });
    expect(budget).toMatchObject({ kind: 'measured', count: 4 });
  });

  it('draws the audit sample only after every hash is in', async () => {
    const miner = new FakeMiner();
    await run(miner);
    const firstDownload = miner.events.indexOf('download');
    expect(firstDownload).toBeGreaterThan(miner.events.lastIndexOf('generate'));
  });

  it('a download that does not match its committed hash marks a cheater and fails the whole test', async () => {
    const miner = new FakeMiner();
    const original = miner.download.bind(miner);
    miner.download = async (id) => {
      miner.swap.add(id);
      return original(id);
    };
    expect(await run(miner)).toMatchObject({
      kind: 'failed',
      cheater: true,
      reason: /do not match the committed sha256/,
    });
  });

  it('similarity = Σ passed ÷ (judged + failed downloads); replay errors of our own are not judged', async () => {
    const miner = new FakeMiner();
    const original = miner.download.bind(miner);
    let calls = 0;
    miner.download = async (id) => {
      if (calls++ === 0) miner.failDownload.add(id);
      return original(id);
    };
    const scorer = new FakeScorer();
    // 3 audited: 1 failed download, then one that fails replay and one our replay throws on.
    scorer.verdict = (_b, n) => (n === 0 ? { passed: false, minModelCosine: 0.2, steps: [1] } : 'throw');
    const out = await run(miner, { scorer });
    expect(out).toMatchObject({ kind: 'measured', audited: 2, passed: 0, failedDownloads: 1, similarity: 0 });
    scorer.verdict = (_b, n) => (n % 2 === 0 ? { passed: true, minModelCosine: 1, steps: [1] } : 'throw');
    scorer.seen = [];
    calls = 0;
    const half = await run(new FakeMiner(), { scorer });
    expect(half).toMatchObject({ kind: 'measured', audited: 2, passed: 2, similarity: 1 });
  });

  it('nothing judged: the test is discarded, metrics stay as they were', async () => {
    const scorer = new FakeScorer();
    scorer.verdict = () => 'throw';
    expect(await run(new FakeMiner(), { scorer })).toMatchObject({ kind: 'discarded' });
  });

  it('resumes from a checkpoint: completed rounds kept, a started download never repeated', async () => {
    const checkpoints: StressProgress[] = [];
    const miner = new FakeMiner();
    await run(miner, { checkpoints });
    // Every checkpoint is plain data.
    for (const c of checkpoints) expect(stressProgressSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    // Crash after round 2: resume runs the rest of the rounds.
    const afterTwo = checkpoints.find((c) => c.rounds.length === 2)!;
    const resumed = new FakeMiner();
    for (const [id, v] of miner.stored) resumed.stored.set(id, v);
    const out = await run(resumed, { from: afterTwo });
    if (out.kind !== 'measured') throw new Error(out.kind);
    expect(out.rounds.map((r) => r.count)).toEqual([4, 8, 16, 32]);
    // Crash in the audit, right after a download started: that result is left unjudged.
    const midAudit = checkpoints.find(
      (c) => c.phase === 'audit' && c.started.length === 2 && c.audited.length === 1,
    )!;
    // The first audited result is kept, the second (started) is unjudged, the third is downloaded
    // again — from a miner that no longer has it: a failed download.
    const again = await run(new FakeMiner(), { from: midAudit });
    expect(again).toMatchObject({ kind: 'measured', audited: 2, passed: 1, failedDownloads: 1 });
  });

  it('discards a test resumed after its results expired on the miner', async () => {
    const start = newStressTest({ uid: 1, hotkey: 'x' }, SHAPE, {}, 0);
    expect(await run(new FakeMiner(), { from: start, now: 11 * 60_000 })).toMatchObject({
      kind: 'discarded',
    });
  });
});
