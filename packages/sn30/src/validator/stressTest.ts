import { z } from 'zod';
import { type GenerationInputs, generationInputsSchema } from '../inputs/generationInputs.js';
import { sha256Hex } from '../miner/frameGenerator.js';
import { maxFramesBytes } from '../protocol/generateFields.js';
import { cryptoRandom, type RandomSource, sampleWithoutReplacement } from './csprng.js';
import type { DownloadOutcome, GenerateOutcome } from './minerClient.js';
import type { OutputScorer } from './outputScorer.js';
import { randomPrompt } from './randomPrompt.js';
import { type RequestShape, stressInputs } from './stressInputs.js';

/** Spec §4.2 constants and our caps. */
export interface StressTestConfig {
  /** Concurrent Generate calls of the first round (4). */
  startConcurrency: number;
  /** Most concurrent calls of a round; the test stops before a round would exceed it. */
  maxConcurrency: number;
  /** Most Generate calls in one test, all rounds together. */
  maxRequests: number;
  /** A round at or above this error rate is the last (0.25). */
  maxErrorRate: number;
  /** A round whose slowest success took longer is the last (30 s). */
  maxSeconds: number;
  /** Timeout of one Generate (MINER_REQUEST_TIMEOUT, 60 s). */
  requestTimeoutS: number;
  /** Share of the successes audited, at least one (6.25 %). */
  auditFraction: number;
  /** A test not finished within this (e.g. across a long restart) is discarded: the miner's results expire after 15 min. */
  maxAgeMs: number;
}

export const DEFAULT_STRESS_CONFIG: StressTestConfig = {
  startConcurrency: 4,
  maxConcurrency: 256,
  maxRequests: 1024,
  maxErrorRate: 0.25,
  maxSeconds: 30,
  requestTimeoutS: 60,
  auditFraction: 0.0625,
  maxAgeMs: 10 * 60_000,
};

/** One miner, as the stress test talks to it (MinerClient bound to its axon). */
export interface MinerLink {
  generate(inputs: GenerationInputs, signal?: AbortSignal): Promise<GenerateOutcome>;
  download(id: string, maxBytes: number, signal?: AbortSignal): Promise<DownloadOutcome>;
  delete(id: string): Promise<boolean>;
}

const roundSchema = z.object({
  count: z.number().int(),
  successes: z.number().int(),
  errorRate: z.number(),
  /** Slowest successful call of the round, seconds. */
  slowestS: z.number(),
});
export type RoundFigures = z.infer<typeof roundSchema>;

const auditResultSchema = z.object({
  index: z.number().int(),
  outcome: z.enum(['passed', 'failed', 'download_failed', 'unjudged']),
  minModelCosine: z.number().optional(),
  reason: z.string().optional(),
});

/**
 * Everything a test has established so far, small and serialisable: the runtime saves it after
 * every round and every audited result, so a restarted validator resumes the test instead of
 * starting it again (results carry only prompt and seed; the rest of the inputs is `base`).
 */
export const stressProgressSchema = z.object({
  uid: z.number().int(),
  hotkey: z.string(),
  startedAt: z.number(),
  base: generationInputsSchema({ min: 8, max: 1536 }),
  phase: z.enum(['rounds', 'audit']),
  rounds: z.array(roundSchema),
  nextCount: z.number().int(),
  requestsSent: z.number().int(),
  results: z.array(
    z.object({ prompt: z.string(), seed: z.number().int(), id: z.string(), sha256: z.string() }),
  ),
  /** Indices into `results`, chosen once every hash was in. */
  picked: z.array(z.number().int()).default([]),
  /** Picked results whose Download was started (a Download is one-shot: never started twice). */
  started: z.array(z.number().int()).default([]),
  audited: z.array(auditResultSchema).default([]),
});
export type StressProgress = z.infer<typeof stressProgressSchema>;

export type StressOutcome =
  | {
      kind: 'measured';
      /** Figures of the last completed round (spec §5.1's C, T, e). */
      count: number;
      seconds: number;
      errorRate: number;
      /** Σ passed ÷ (judged + failed downloads). */
      similarity: number;
      rounds: RoundFigures[];
      audited: number;
      passed: number;
      failedDownloads: number;
      /** Lowest modelCosine among the judged results. */
      minModelCosine: number | null;
    }
  | { kind: 'failed'; reason: string; cheater: boolean; rounds: RoundFigures[] }
  | { kind: 'discarded'; reason: string };

export interface StressTestDeps {
  link: MinerLink;
  scorer: OutputScorer;
  config?: Partial<StressTestConfig>;
  shape: RequestShape;
  rng?: RandomSource;
  now?: () => number;
  /** Called with the progress after each round and each audited result; awaited (persist it here). */
  checkpoint?: (progress: StressProgress) => Promise<void> | void;
  log?: (entry: Record<string, unknown>) => void;
  signal?: AbortSignal;
}

/** A fresh test of one miner. */
export function newStressTest(
  miner: { uid: number; hotkey: string },
  shape: RequestShape,
  config: Partial<StressTestConfig> = {},
  now = Date.now(),
  rng: RandomSource = cryptoRandom,
): StressProgress {
  const base = stressInputs(shape, rng);
  return {
    uid: miner.uid,
    hotkey: miner.hotkey,
    startedAt: now,
    base,
    phase: 'rounds',
    rounds: [],
    nextCount: config.startConcurrency ?? DEFAULT_STRESS_CONFIG.startConcurrency,
    requestsSent: 0,
    results: [],
    picked: [],
    started: [],
    audited: [],
  };
}

function inputsOf(p: StressProgress, r: { prompt: string; seed: number }): GenerationInputs {
  return { ...p.base, prompt: r.prompt, seed: r.seed };
}

/**
 * Runs (or resumes) one stress test (spec §4.2 with the fixes of §8):
 * rounds of `count` concurrent Generate calls, doubling while the error rate stays below 25 % and the
 * slowest success within 30 s, up to the caps; a round that fails completely ends the test with the
 * last completed round's figures (no throughput credited for the failed one), or fails it when no
 * round completed. Only when every hash is in are max(1, 6.25 %) of the successes picked with the
 * CSPRNG and downloaded; the rest are deleted. A download whose bytes do not hash to the committed
 * hash marks the miner a cheater and fails the whole test. Each audited result is replayed (the
 * scorer); similarity = Σ passed ÷ (judged + failed downloads).
 */
export async function runStressTest(start: StressProgress, deps: StressTestDeps): Promise<StressOutcome> {
  const config = { ...DEFAULT_STRESS_CONFIG, ...deps.config };
  const rng = deps.rng ?? cryptoRandom;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const { link, scorer, signal } = deps;
  const p: StressProgress = structuredClone(start);
  const save = async () => {
    await deps.checkpoint?.(structuredClone(p));
  };
  const expired = () => now() - p.startedAt > config.maxAgeMs;

  if (p.phase === 'rounds') {
    if (expired()) return { kind: 'discarded', reason: 'test older than its results live on the miner' };
    for (;;) {
      const count = p.nextCount;
      if (count > config.maxConcurrency || p.requestsSent + count > config.maxRequests) break;
      signal?.throwIfAborted();
      const batch: GenerationInputs[] = Array.from({ length: count }, () => ({
        ...p.base,
        prompt: randomPrompt(rng),
        seed: rng.u32(),
      }));
      const outcomes = await Promise.all(batch.map((inputs) => link.generate(inputs, signal)));
      signal?.throwIfAborted();
      p.requestsSent += count;
      const ok = outcomes.flatMap((o, i) => (o.ok ? [{ o, inputs: batch[i]! }] : []));
      if (ok.length === 0) {
        const reasons = [...new Set(outcomes.map((o) => (o.ok ? '' : `${o.status} ${o.reason}`)))].slice(
          0,
          3,
        );
        log({ msg: 'stress round failed completely', uid: p.uid, count, reasons });
        if (p.rounds.length === 0) {
          return {
            kind: 'failed',
            reason: `no successful Generate (${reasons.join('; ')})`,
            cheater: false,
            rounds: [],
          };
        }
        break;
      }
      const round: RoundFigures = {
        count,
        successes: ok.length,
        errorRate: (count - ok.length) / count,
        slowestS: Math.max(...ok.map((x) => x.o.seconds)),
      };
      p.rounds.push(round);
      for (const { o, inputs } of ok) {
        if (o.ok) p.results.push({ prompt: inputs.prompt, seed: inputs.seed, id: o.id, sha256: o.sha256 });
      }
      p.nextCount = count * 2;
      log({ msg: 'stress round', uid: p.uid, ...round });
      const last = round.errorRate >= config.maxErrorRate || round.slowestS > config.maxSeconds;
      if (last) break;
      await save();
    }
    // Every hash is in: only now is the audit sample drawn.
    const n = p.results.length;
    const k = Math.max(1, Math.floor(config.auditFraction * n));
    p.picked = sampleWithoutReplacement(
      Array.from({ length: n }, (_, i) => i),
      k,
      rng,
    ).sort((a, b) => a - b);
    p.phase = 'audit';
    await save();
    const picked = new Set(p.picked);
    // Deletes are best effort and do not hold the audit up.
    const rest = p.results.filter((_, i) => !picked.has(i));
    void eachLimit(rest, 16, (r) => link.delete(r.id).catch(() => false));
  } else if (expired()) {
    // Resumed long after: the unstarted downloads would fail through no fault of the miner.
    return { kind: 'discarded', reason: 'audit resumed after the results expired on the miner' };
  }

  for (const index of p.picked) {
    if (p.audited.some((a) => a.index === index)) continue;
    if (p.started.includes(index)) {
      // Started before a restart and never recorded: the miner has already handed the frames out.
      p.audited.push({ index, outcome: 'unjudged', reason: 'download interrupted by a restart' });
      continue;
    }
    signal?.throwIfAborted();
    const r = p.results[index]!;
    const inputs = inputsOf(p, r);
    p.started.push(index);
    await save();
    const got = await link.download(r.id, maxFramesBytes(inputs), signal);
    if (!got.ok) {
      p.audited.push({ index, outcome: 'download_failed', reason: `${got.status} ${got.reason}` });
      await save();
      continue;
    }
    if (sha256Hex(got.bytes) !== r.sha256) {
      log({ msg: 'hash mismatch: miner served other frames than it committed to', uid: p.uid, id: r.id });
      return {
        kind: 'failed',
        reason: `frames of ${r.id} do not match the committed sha256`,
        cheater: true,
        rounds: p.rounds,
      };
    }
    try {
      const v = await scorer.score(inputs, got.bytes);
      p.audited.push({
        index,
        outcome: v.passed ? 'passed' : 'failed',
        minModelCosine: v.minModelCosine,
        ...(v.reason ? { reason: v.reason } : {}),
      });
    } catch (err) {
      log({
        level: 'warn',
        msg: 'replay failed on this validator; result not judged',
        uid: p.uid,
        error: String(err),
      });
      p.audited.push({
        index,
        outcome: 'unjudged',
        reason: `validator replay failed: ${(err as Error).message}`,
      });
    }
    await save();
  }

  const passed = p.audited.filter((a) => a.outcome === 'passed').length;
  const failed = p.audited.filter((a) => a.outcome === 'failed').length;
  const failedDownloads = p.audited.filter((a) => a.outcome === 'download_failed').length;
  const denominator = passed + failed + failedDownloads;
  if (denominator === 0) return { kind: 'discarded', reason: 'no audited result could be judged' };
  const last = p.rounds.at(-1);
  if (last === undefined) return { kind: 'discarded', reason: 'no completed round' };
  const cosines = p.audited.flatMap((a) => (a.minModelCosine === undefined ? [] : [a.minModelCosine]));
  return {
    kind: 'measured',
    count: last.count,
    seconds: last.slowestS,
    errorRate: last.errorRate,
    similarity: passed / denominator,
    rounds: p.rounds,
    audited: denominator,
    passed,
    failedDownloads,
    minModelCosine: cosines.length > 0 ? Math.min(...cosines) : null,
  };
}

/** Runs `fn` over `items`, at most `limit` at a time; failures are the caller's to catch. */
async function eachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
