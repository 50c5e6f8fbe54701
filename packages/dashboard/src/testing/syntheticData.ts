import type { DashboardRecorder } from '../recorder.js';

/** Strings a miner, a caller or a subnet could send to break the page: markup, quotes, odd unicode. */
export const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'; alert(1); //",
  'ünïcødé ✓ 🔥 \u202Ereversed',
  '__proto__',
] as const;

/** Deterministic numbers for synthetic data (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export function fakeHotkey(rand: () => number): string {
  let s = '5';
  for (let i = 0; i < 47; i++) s += B58[Math.floor(rand() * B58.length)];
  return s;
}

export interface SyntheticValidator {
  hotkeys: string[];
  quality: number[];
  scores: number[];
  step: number;
  /** Records one step at `at`: `sample` miners, rewards around each one's quality, SN2-like components. */
  stepAt(recorder: DashboardRecorder, at: number, sample: number): void;
  /** Records a weights set from the current scores. */
  weightsAt(recorder: DashboardRecorder, at: number, block: number): void;
}

/** A validator's world: `miners` uids with hotkeys (a few hostile when asked) and fixed qualities. */
export function syntheticValidator(options: {
  miners: number;
  seed?: number;
  hostile?: boolean;
}): SyntheticValidator {
  const rand = seededRandom(options.seed ?? 1);
  const hotkeys = Array.from({ length: options.miners }, (_, uid) =>
    options.hostile && uid >= 1 && uid <= HOSTILE.length ? HOSTILE[uid - 1]! : fakeHotkey(rand),
  );
  const quality = hotkeys.map(() => rand());
  const scores = hotkeys.map(() => 0);
  const world: SyntheticValidator = {
    hotkeys,
    quality,
    scores,
    step: 0,
    stepAt(recorder, at, sample) {
      const miners = [];
      for (let i = 0; i < sample; i++) {
        const uid = Math.floor(rand() * hotkeys.length);
        const verified = rand() < 0.3 + 0.7 * quality[uid]!;
        const responseTime = Math.round((0.4 + (1 - quality[uid]!) * 8 + rand()) * 1000) / 1000;
        const reward = verified ? Math.max(0, Math.min(1, quality[uid]! + (rand() - 0.5) * 0.2)) : 0;
        scores[uid] = 0.1 * reward + 0.9 * scores[uid]!;
        const components: Record<string, number | string | boolean | null> = {
          verified,
          responseTime,
          proofSize: 700 + Math.floor(rand() * 300),
        };
        if (options.hostile && uid <= HOSTILE.length) components.note = HOSTILE[uid % HOSTILE.length]!;
        miners.push({ uid, hotkey: hotkeys[uid], reward, score: scores[uid]!, components });
      }
      recorder.validatorStep({
        step: world.step++,
        at,
        block: Math.floor(at / 12_000),
        durationMs: 800 + rand() * 4000,
        miners,
      });
    },
    weightsAt(recorder, at, block) {
      const uids: number[] = [];
      const weights: number[] = [];
      scores.forEach((s, uid) => {
        if (s > 0) {
          uids.push(uid);
          weights.push(s);
        }
      });
      recorder.weightsSet({
        block,
        mode: block % 3 === 0 ? 'commit' : 'direct',
        uids,
        weights,
        epoch: Math.floor(block / 361),
        at,
      });
    },
  };
  return world;
}

/** Fills `days` of validator history ending at `now`: a step every `stepMs`, weights every `tempoMs`. */
export function fillValidatorHistory(
  recorder: DashboardRecorder,
  world: SyntheticValidator,
  options: { now: number; days: number; stepMs: number; sample: number; tempoMs: number },
): number {
  let steps = 0;
  let nextWeights = options.now - options.days * 86_400_000 + options.tempoMs;
  for (let t = options.now - options.days * 86_400_000; t <= options.now; t += options.stepMs) {
    world.stepAt(recorder, t, options.sample);
    steps++;
    if (t >= nextWeights) {
      world.weightsAt(recorder, t, Math.floor(t / 12_000));
      nextWeights += options.tempoMs;
    }
  }
  return steps;
}

export interface SyntheticMiner {
  validators: string[];
  /** Records one request at `at` from a random validator: mostly ok, some blacklisted, a few failed. */
  requestAt(recorder: DashboardRecorder, at: number): void;
}

export function syntheticMiner(options: {
  validators: number;
  seed?: number;
  hostile?: boolean;
}): SyntheticMiner {
  const rand = seededRandom(options.seed ?? 2);
  const validators = Array.from({ length: options.validators }, () => fakeHotkey(rand));
  if (options.hostile) validators.push(...HOSTILE.slice(0, 2));
  return {
    validators,
    requestAt(recorder, at) {
      const i = Math.floor(rand() * validators.length);
      const caller = validators[i]!;
      const hostileCaller = i >= options.validators;
      const roll = rand();
      const outcome = hostileCaller || roll < 0.05 ? 'blacklisted' : roll < 0.1 ? 'failed' : 'ok';
      // Log-normal-ish latency around 300 ms, slower for some validators' (bigger) queries.
      const latencyMs =
        outcome === 'blacklisted' ? 1 : Math.exp(Math.log(300) + (rand() + rand() - 1) * 1.2) * (1 + (i % 3));
      recorder.minerRequest({
        caller,
        synapse: i % 4 === 0 ? 'QueryForProofAggregation' : 'QueryZkProof',
        outcome,
        status: outcome === 'ok' ? 200 : outcome === 'blacklisted' ? 403 : 500,
        latencyMs,
        at,
      });
    },
  };
}
