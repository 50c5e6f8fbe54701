import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { PerUidScores, Reward, ScoringStrategy } from '../scoring/scoringStrategy.js';
import {
  moveAside,
  readLegacyFile,
  readStateFile,
  STATE_FILE,
  type StateV2,
  type WeightsRecord,
} from './stateFile.js';

/** A plug-in's own persisted state (a cache index, a test in progress), saved with the rest. */
export interface StateSlot<T> {
  readonly value: T;
  /** Replaces the value and writes the state file atomically before resolving. */
  set(value: T): Promise<void>;
  update(change: (value: T) => T): Promise<void>;
}

export interface PluginState {
  /**
   * A named, typed slot in the daemon's state file: the saved value when it parses with `schema`,
   * else `initial` (a value that no longer parses is dropped with a warning). Crash-safe: `set`
   * resolves once the whole file is on disk.
   */
  slot<T>(name: string, schema: z.ZodType<T>, initial: T): StateSlot<T>;
  /** This daemon's folder (`--neuron.state_dir`) for files too big for a slot. */
  readonly dir: string;
}

/** What was found on disk when the store opened. */
export type OpenOutcome =
  | { kind: 'fresh' }
  | { kind: 'loaded'; version: 1 | 2 }
  | { kind: 'corrupt'; movedTo: string; reason: string }
  | { kind: 'mismatch'; reason: string };

/** What became of the saved scores once the strategy was known. */
export type ScoringOutcome =
  | { kind: 'fresh' }
  | { kind: 'loaded' }
  | { kind: 'migrated'; from: string[] }
  | { kind: 'strategy-changed'; was: string }
  | { kind: 'corrupt'; reason: string; movedTo: string };

/**
 * The daemon's one state file (version 2), written atomically (temp file, fsync, rename): the
 * scoring strategy's state, the step, the last weights and the plug-in's slots. Saves are queued,
 * so two never interleave. Files of the previous version (`validator-state.json` v1, and the
 * subnet's own score file the strategy names) are read once and migrated. Opening reads the file;
 * the scores are parsed once the plug-in has said which strategy it uses (`attachScoring`).
 */
export class StateStore<S = unknown> implements PluginState {
  step = 0;
  lastWeights: WeightsRecord | null = null;
  scoring: S = undefined as S;
  private strategy: ScoringStrategy<S, Reward> | undefined;
  private saved: { scoring: StateV2['scoring']; runtimeV1?: PerUidScores } = { scoring: null };
  private plugin: Record<string, unknown> = {};
  private readonly slots = new Map<string, { value: unknown }>();
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly file: string,
    private readonly identity: { netuid: number; hotkey: string },
    private readonly logger: Logger,
  ) {}

  static async open(args: {
    dir: string;
    file: string;
    netuid: number;
    hotkey: string;
    logger: Logger;
  }): Promise<{ store: StateStore; outcome: OpenOutcome }> {
    const store = new StateStore(args.dir, join(args.dir, args.file), args, args.logger);
    const read = await readStateFile(store.file, store.identity);
    if (read.kind === 'v2') {
      store.step = read.state.step;
      store.lastWeights = read.state.lastWeights;
      store.plugin = read.state.plugin;
      store.saved = { scoring: read.state.scoring };
      return { store, outcome: { kind: 'loaded', version: 2 } };
    }
    if (read.kind === 'v1') {
      store.step = read.state.step;
      store.lastWeights = read.state.lastWeights;
      store.saved = { scoring: null, runtimeV1: { hotkeys: read.state.hotkeys, scores: read.state.scores } };
      return { store, outcome: { kind: 'loaded', version: 1 } };
    }
    return { store, outcome: read.kind === 'missing' ? { kind: 'fresh' } : read };
  }

  /** Parses the saved scores with `strategy` (or migrates older files to it); call once, before the first step. */
  async attachScoring<T>(strategy: ScoringStrategy<T, Reward>): Promise<ScoringOutcome> {
    const self = this as unknown as StateStore<T>;
    self.strategy = strategy;
    self.scoring = strategy.initial();
    const { scoring, runtimeV1 } = this.saved;
    if (scoring !== null) {
      if (scoring.kind !== strategy.kind) return { kind: 'strategy-changed', was: scoring.kind };
      const parsed = strategy.schema.safeParse(scoring.state);
      if (parsed.success) {
        self.scoring = parsed.data;
        return { kind: 'loaded' };
      }
      const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      // Kept for inspection; the next save writes the rest of the state (step, slots) back.
      return { kind: 'corrupt', reason, movedTo: await moveAside(this.file) };
    }
    const legacyName = strategy.migrate?.legacyFile;
    const legacy = legacyName ? await readLegacyFile(this.dir, legacyName) : undefined;
    const migrated =
      strategy.migrate && (runtimeV1 !== undefined || legacy !== undefined)
        ? strategy.migrate.from({ runtime: runtimeV1, legacy })
        : undefined;
    const from = [
      ...(runtimeV1 !== undefined ? [`${STATE_FILE} v1`] : []),
      ...(legacy !== undefined && legacyName ? [legacyName] : []),
    ];
    if (from.length === 0) return { kind: 'fresh' };
    if (migrated !== undefined) self.scoring = migrated;
    await this.save();
    // Kept under another name: nothing reads it any more, and an operator can still look at it.
    if (legacy !== undefined && legacyName) await moveAside(join(this.dir, legacyName), 'migrated');
    return { kind: 'migrated', from };
  }

  /** The strategy's per-uid scores (empty for a miner). */
  scores(): readonly number[] {
    return this.strategy ? this.strategy.scores(this.scoring) : [];
  }

  slot<T>(name: string, schema: z.ZodType<T>, initial: T): StateSlot<T> {
    let holder = this.slots.get(name) as { value: T } | undefined;
    if (!holder) {
      const saved = this.plugin[name];
      const parsed = saved === undefined ? undefined : schema.safeParse(saved);
      if (parsed && !parsed.success) {
        this.logger.warn(
          { slot: name, problem: parsed.error.message.slice(0, 200) },
          'saved plug-in state no longer fits; starting it fresh',
        );
      }
      holder = { value: parsed?.success ? parsed.data : initial };
      this.slots.set(name, holder);
    }
    const h = holder;
    return {
      get value() {
        return h.value;
      },
      set: async (value: T) => {
        h.value = value;
        await this.save();
      },
      update: async (change: (value: T) => T) => {
        h.value = change(h.value);
        await this.save();
      },
    };
  }

  /** Writes the whole state atomically; calls are queued and each writes what is current when it runs. */
  save(): Promise<void> {
    const run = this.queue.then(() => this.write());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(): Promise<void> {
    for (const [name, h] of this.slots) this.plugin[name] = h.value;
    const state: StateV2 = {
      version: 2,
      netuid: this.identity.netuid,
      hotkey: this.identity.hotkey,
      step: this.step,
      lastWeights: this.lastWeights,
      scoring: this.strategy ? { kind: this.strategy.kind, state: this.scoring } : null,
      scores: [...this.scores()],
      plugin: this.plugin,
      updatedAt: new Date().toISOString(),
    };
    await writeFileAtomic(this.file, `${JSON.stringify(state)}\n`);
  }
}

/** One log line for what opening a state file found (nothing for a clean load or a fresh start). */
export function logOpenOutcome(logger: Logger, outcome: OpenOutcome, dir: string): void {
  if (outcome.kind === 'corrupt') {
    logger.warn(
      { movedTo: outcome.movedTo, reason: outcome.reason },
      'state file was corrupt; starting fresh',
    );
  } else if (outcome.kind === 'mismatch') {
    logger.warn({ reason: outcome.reason, dir }, 'state file belongs elsewhere; ignoring');
  }
}
