import type {
  ComponentValue,
  FiguresEvent,
  MinerRequestEvent,
  NeuronIdentity,
  NeuronRole,
  ValidatorStepEvent,
  WeightsSetEvent,
} from './events.js';
import { type HistoryRecord, historyRecord, type StepRecord } from './history/records.js';
import type { SegmentStore } from './history/segmentStore.js';
import { FiguresModel } from './model/figuresModel.js';
import { latencyBucket, newHistogram, sparseHistogram } from './model/latencyHistogram.js';
import { MinerModel } from './model/minerModel.js';
import { type CleanStep, type CleanWeights, ValidatorModel } from './model/validatorModel.js';
import { clampString, cleanComponents, finiteOrNull, isUid, LIMITS } from './sanitize.js';

/** What the runtime calls. Every method is cheap and never throws: bad values are cleaned or dropped. */
export interface DashboardRecorder {
  identity(identity: NeuronIdentity): void;
  validatorStep(event: ValidatorStepEvent): void;
  weightsSet(event: WeightsSetEvent): void;
  minerRequest(event: MinerRequestEvent): void;
  figures(event: FiguresEvent): void;
}

export interface IdentityView {
  role: NeuronRole;
  subnet: string;
  netuid: number | null;
  hotkey: string | null;
  uid: number | null;
  stake: number | null;
  block: number | null;
  version: string | null;
  at: number | null;
}

export type LiveEvent =
  | { event: 'identity'; data: IdentityView }
  | { event: 'step'; data: ReturnType<Recorder['stepView']> }
  | { event: 'weights'; data: ReturnType<typeof weightsView> }
  | { event: 'requests'; data: { at: number; ok: number; blacklisted: number; failed: number } }
  | { event: 'figures'; data: { at: number; values: [string, ComponentValue][] } };

/** The subset of a pino logger the dashboard uses. */
export interface DashboardLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

export interface RecorderOptions {
  role: NeuronRole;
  retentionMs: number;
  store?: SegmentStore;
  flushIntervalMs?: number;
  /** Records kept for the next flush at most; past this (a stuck disk) the oldest are dropped. */
  maxPending?: number;
  logger?: DashboardLogger;
  now?: () => number;
  /** Per-uid history sizing (tests shrink it). */
  rawPointsPerUid?: number;
  bucketsPerUid?: number;
}

export function weightsView(w: CleanWeights) {
  return { block: w.block, at: w.t, epoch: w.epoch, mode: w.mode, uids: w.uids, weights: w.weights };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A step as its history line: columns, component keys once (see records.ts). */
export function stepToRecord(step: CleanStep): StepRecord {
  const keys: string[] = [];
  const index = new Map<string, number>();
  for (const m of step.miners) {
    for (const k of Object.keys(m.components)) {
      if (!index.has(k)) {
        index.set(k, keys.length);
        keys.push(k);
      }
    }
  }
  const n = step.miners.length;
  const values: ComponentValue[][] = keys.map(() => new Array<ComponentValue>(n).fill(null));
  const rows: number[][] = keys.map(() => []);
  step.miners.forEach((m, i) => {
    for (const [k, v] of Object.entries(m.components)) {
      const j = index.get(k)!;
      values[j]![i] = v;
      rows[j]!.push(i);
    }
  });
  return {
    k: 's',
    t: step.t,
    n: step.step,
    b: step.block,
    d: step.durationMs === null ? null : Math.round(step.durationMs),
    u: step.miners.map((m) => m.uid),
    r: step.miners.map((m) => (m.reward === null ? null : round6(m.reward))),
    s: step.miners.map((m) => round6(m.score)),
    c: keys,
    v: values,
    p: rows.map((r) => (r.length === n ? null : r)),
  };
}

export function stepFromRecord(r: StepRecord): CleanStep {
  return {
    t: r.t,
    step: r.n,
    block: r.b,
    durationMs: r.d,
    miners: r.u.map((uid, i) => {
      const components: Record<string, ComponentValue> = {};
      if (r.r[i] !== null) {
        r.c.forEach((k, j) => {
          if (r.p[j] && !r.p[j]!.includes(i)) return;
          Object.defineProperty(components, k, {
            value: r.v[j]![i]!,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        });
      }
      return { uid, reward: r.r[i]!, score: r.s[i]!, components };
    }),
  };
}

/**
 * Takes the runtime's events, keeps the aggregated models up to date (cheap, synchronous) and queues
 * history records; serialisation and disk writes happen on a timer, off the validator's step.
 */
export class Recorder implements DashboardRecorder {
  readonly validator: ValidatorModel;
  readonly miner: MinerModel;
  readonly figuresModel: FiguresModel;
  readonly startedAt: number;
  /** Bumped on every change; views cache on it. */
  version = 0;
  identityView: IdentityView;
  droppedRecords = 0;
  writeErrors = 0;
  /** Records for the next flush; steps stay objects until then so the step pays no serialisation. */
  private pending: (HistoryRecord | CleanStep)[] = [];
  /** While a previous run's history replays, live events wait here (then apply in order). */
  private deferred: (() => void)[] | undefined;
  /** Request deltas since the last flush, per minute × caller × synapse. */
  private pendingRequests = new Map<
    string,
    { t: number; c: string; s: string; ok: number; bl: number; f: number; h: Uint32Array }
  >();
  private pendingFigures = new Map<string, ComponentValue>();
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastPrune = 0;
  private readonly now: () => number;
  private readonly maxPending: number;
  private closed = false;

  constructor(private readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.maxPending = options.maxPending ?? 100_000;
    this.startedAt = this.now();
    this.validator = new ValidatorModel({
      retentionMs: options.retentionMs,
      rawPointsPerUid: options.rawPointsPerUid,
      bucketsPerUid: options.bucketsPerUid,
    });
    this.miner = new MinerModel({ retentionMs: options.retentionMs });
    this.figuresModel = new FiguresModel({ retentionMs: options.retentionMs, maxKeys: LIMITS.figures });
    this.identityView = {
      role: options.role,
      subnet: '',
      netuid: null,
      hotkey: null,
      uid: null,
      stake: null,
      block: null,
      version: null,
      at: null,
    };
    if (options.store) {
      this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 2_000);
      this.timer.unref();
    }
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private queue(record: HistoryRecord | CleanStep): void {
    if (!this.options.store) return;
    this.pending.push(record);
    if (this.pending.length > this.maxPending) {
      this.pending.splice(0, this.pending.length - this.maxPending);
      this.droppedRecords++;
    }
  }

  /** Runs a model change now, or after the replay when one is under way. */
  private apply(change: () => void): void {
    if (!this.deferred) {
      change();
      return;
    }
    if (this.deferred.length >= this.maxPending) {
      this.deferred.shift();
      this.droppedRecords++;
    }
    this.deferred.push(change);
  }

  /** Live events from here on wait until `endReplay`, so replayed history stays in time order. */
  beginReplay(): void {
    this.deferred ??= [];
  }

  endReplay(): void {
    const waiting = this.deferred ?? [];
    this.deferred = undefined;
    for (const change of waiting) change();
  }

  get replaying(): boolean {
    return this.deferred !== undefined;
  }

  identity(identity: NeuronIdentity): void {
    try {
      const t = this.now();
      const next: IdentityView = {
        role: identity.role === 'miner' ? 'miner' : 'validator',
        subnet: clampString(identity.subnet, LIMITS.keyChars),
        netuid: isUid(identity.netuid) ? identity.netuid : null,
        hotkey: clampString(identity.hotkey, LIMITS.hotkeyChars),
        uid: isUid(identity.uid) ? identity.uid : null,
        stake: finiteOrNull(identity.stake),
        block: finiteOrNull(identity.block),
        version: identity.version === undefined ? null : clampString(identity.version, LIMITS.keyChars),
        at: t,
      };
      this.apply(() => this.applyIdentity(next));
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'dashboard: identity not recorded');
    }
  }

  private applyIdentity(next: IdentityView): void {
    {
      const t = next.at!;
      const prev = this.identityView;
      this.identityView = next;
      this.version++;
      // The block moves every 12 s; only a change of who or where is worth a history line.
      const changed =
        prev.subnet !== next.subnet ||
        prev.netuid !== next.netuid ||
        prev.hotkey !== next.hotkey ||
        prev.uid !== next.uid ||
        prev.stake !== next.stake ||
        prev.role !== next.role;
      if (changed && next.netuid !== null && next.hotkey !== null) {
        this.queue({
          k: 'id',
          t,
          role: next.role,
          subnet: next.subnet,
          netuid: next.netuid,
          hotkey: next.hotkey,
          uid: next.uid,
          stake: next.stake,
          block: next.block === null ? null : Math.floor(next.block),
          version: next.version,
        });
      }
      if (this.listeners.size > 0) this.emit({ event: 'identity', data: next });
    }
  }

  validatorStep(event: ValidatorStepEvent): void {
    try {
      const t = finiteOrNull(event.at) ?? this.now();
      const step: CleanStep = {
        t,
        step: Number.isInteger(event.step) && event.step >= 0 ? event.step : this.validator.steps,
        block: Number.isInteger(event.block) ? (event.block as number) : null,
        durationMs: finiteOrNull(event.durationMs),
        miners: [],
      };
      const list = Array.isArray(event.miners) ? event.miners : [];
      const hotkeys: [number, string][] = [];
      for (let i = 0; i < list.length && i < 4096; i++) {
        const m = list[i]!;
        if (!m || !isUid(m.uid)) continue;
        if (typeof m.hotkey === 'string') hotkeys.push([m.uid, clampString(m.hotkey, LIMITS.hotkeyChars)]);
        const reward = m.reward === null ? null : (finiteOrNull(m.reward) ?? 0);
        step.miners.push({
          uid: m.uid,
          reward,
          score: finiteOrNull(m.score) ?? 0,
          components: reward === null ? {} : cleanComponents(m.components),
        });
      }
      this.apply(() => {
        for (const [uid, hotkey] of hotkeys) {
          if (this.validator.hotkeyOf(uid) === hotkey) continue;
          this.validator.applyHotkey(uid, hotkey);
          this.queue({ k: 'hk', t, u: uid, h: hotkey });
        }
        this.validator.applyStep(step);
        this.version++;
        this.queue(step);
        if (this.listeners.size > 0) this.emit({ event: 'step', data: this.stepView(step) });
      });
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'dashboard: step not recorded');
    }
  }

  stepView(step: CleanStep) {
    return {
      step: step.step,
      at: step.t,
      block: step.block,
      durationMs: step.durationMs,
      miners: step.miners.map((m) => ({
        uid: m.uid,
        hotkey: this.validator.hotkeyOf(m.uid) ?? null,
        reward: m.reward,
        score: m.score,
        components: m.components,
      })),
    };
  }

  weightsSet(event: WeightsSetEvent): void {
    try {
      if (!Number.isInteger(event.block) || event.block < 0) return;
      const uids: number[] = [];
      const weights: number[] = [];
      const n = Math.min(event.uids?.length ?? 0, event.weights?.length ?? 0, 65_536);
      for (let i = 0; i < n; i++) {
        const w = finiteOrNull(event.weights[i]);
        if (!isUid(event.uids[i]) || w === null) continue;
        uids.push(event.uids[i]!);
        weights.push(round6(w));
      }
      const mode = event.mode === 'commit' || event.mode === 'timelocked' ? event.mode : 'direct';
      const clean: CleanWeights = {
        t: finiteOrNull(event.at) ?? this.now(),
        block: event.block,
        epoch: Number.isInteger(event.epoch) ? (event.epoch as number) : null,
        mode,
        uids,
        weights,
      };
      this.apply(() => {
        this.validator.applyWeights(clean);
        this.version++;
        this.queue({ k: 'w', t: clean.t, b: clean.block, e: clean.epoch, mode, u: uids, w: weights });
        if (this.listeners.size > 0) this.emit({ event: 'weights', data: weightsView(clean) });
      });
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'dashboard: weights not recorded');
    }
  }

  minerRequest(event: MinerRequestEvent): void {
    try {
      const t = finiteOrNull(event.at) ?? this.now();
      const outcome = event.outcome === 'ok' || event.outcome === 'blacklisted' ? event.outcome : 'failed';
      const counts = MinerModel.countsOf(outcome);
      const latency = finiteOrNull(event.latencyMs);
      const bucket = outcome === 'ok' && latency !== null ? latencyBucket(latency) : undefined;
      const filed = this.miner.add(
        t,
        event.caller === undefined ? '(none)' : clampString(event.caller, LIMITS.hotkeyChars),
        clampString(event.synapse, LIMITS.keyChars),
        counts,
        undefined,
        bucket,
      );
      this.version++;
      if (this.options.store) {
        const minute = Math.floor(t / 60_000) * 60_000;
        const key = `${minute}\u0000${filed.caller}\u0000${filed.synapse}`;
        let delta = this.pendingRequests.get(key);
        if (!delta) {
          if (this.pendingRequests.size >= 10_000) {
            this.droppedRecords++;
            return;
          }
          delta = { t: minute, c: filed.caller, s: filed.synapse, ok: 0, bl: 0, f: 0, h: newHistogram() };
          this.pendingRequests.set(key, delta);
        }
        delta.ok += counts.ok;
        delta.bl += counts.blacklisted;
        delta.f += counts.failed;
        if (bucket !== undefined) delta.h[bucket]!++;
      }
      if (this.listeners.size > 0) {
        const { ok, blacklisted, failed } = this.miner.totals;
        this.emit({ event: 'requests', data: { at: t, ok, blacklisted, failed } });
      }
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'dashboard: request not recorded');
    }
  }

  figures(event: FiguresEvent): void {
    try {
      const t = finiteOrNull(event.at) ?? this.now();
      const clean = cleanComponents(event.figures, LIMITS.figures);
      this.apply(() => {
        const changed = this.figuresModel.apply(t, Object.entries(clean));
        if (changed.length === 0) return;
        this.version++;
        if (this.options.store) for (const [k, v] of changed) this.pendingFigures.set(k, v);
        if (this.listeners.size > 0) this.emit({ event: 'figures', data: { at: t, values: changed } });
      });
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'dashboard: figures not recorded');
    }
  }

  /** Applies one history line (replay); false when it does not parse. */
  replayLine(line: string): boolean {
    let parsed: HistoryRecord;
    try {
      const result = historyRecord.safeParse(JSON.parse(line));
      if (!result.success) return false;
      parsed = result.data;
    } catch {
      return false;
    }
    const r = parsed;
    switch (r.k) {
      case 'id':
        this.identityView = {
          role: r.role,
          subnet: r.subnet,
          netuid: r.netuid,
          hotkey: r.hotkey,
          uid: r.uid,
          stake: r.stake,
          block: r.block,
          version: r.version,
          at: r.t,
        };
        break;
      case 'hk':
        this.validator.applyHotkey(r.u, r.h);
        break;
      case 's':
        this.validator.applyStep(stepFromRecord(r));
        break;
      case 'w':
        this.validator.applyWeights({
          t: r.t,
          block: r.b,
          epoch: r.e,
          mode: r.mode,
          uids: r.u,
          weights: r.w,
        });
        break;
      case 'r': {
        const hist = newHistogram();
        for (const [i, n] of r.h) if (i < hist.length) hist[i] = n;
        this.miner.add(r.t, r.c, r.s, { ok: r.ok, blacklisted: r.bl, failed: r.f }, hist);
        break;
      }
      case 'f':
        this.figuresModel.apply(r.t, r.v);
        break;
    }
    this.version++;
    return true;
  }

  /** Writes what is queued; one flush at a time, errors logged and counted, never thrown. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    const now = this.now();
    if (now - this.lastPrune >= 60_000) {
      this.lastPrune = now;
      this.validator.prune(now);
      this.miner.prune(now);
    }
    const records = this.pending;
    this.pending = [];
    for (const d of this.pendingRequests.values()) {
      records.push({ k: 'r', t: d.t, c: d.c, s: d.s, ok: d.ok, bl: d.bl, f: d.f, h: sparseHistogram(d.h) });
    }
    this.pendingRequests.clear();
    if (this.pendingFigures.size > 0) {
      records.push({ k: 'f', t: now, v: [...this.pendingFigures.entries()] });
      this.pendingFigures.clear();
    }
    if (records.length === 0) return;
    let text = '';
    for (const r of records) text += `${JSON.stringify('k' in r ? r : stepToRecord(r))}\n`;
    try {
      await store.append(text);
    } catch (error) {
      this.writeErrors++;
      // Once per burst of failures: a full disk must not flood the log every two seconds.
      if (this.writeErrors === 1 || this.writeErrors % 100 === 0) {
        this.options.logger?.warn(
          { err: error, failures: this.writeErrors },
          'dashboard: history write failed; keeping the page in memory',
        );
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
    await this.flush();
    await this.options.store?.close();
  }
}
