import type { RewardComponents } from '../scoring/scoringStrategy.js';

/** One uid's outcome in a validator step. */
export interface StepResult {
  uid: number;
  hotkey: string | null;
  /** The plug-in's reward for this step (null: not judged this step). */
  reward: number | null;
  /** The strategy's score for the uid after the step. */
  score: number;
  components?: RewardComponents;
}

/** What a daemon reports as it runs, for dashboards and other code that wants to follow it. */
export interface NeuronEventMap {
  /** Where this daemon stands: at start, then after each metagraph refresh. */
  identity: { hotkey: string; uid: number | undefined; stake: number; block: number };
  /** A new best block (every block: listeners must be cheap). */
  block: { block: number };
  /** A validator step finished and was saved. `at` is when (ms since epoch). */
  step: {
    step: number;
    at: number;
    block: number;
    durationMs: number;
    results: StepResult[];
    /** Uids whose hotkey changed this step: their score started again from 0. */
    reset: number[];
  };
  /** Weights went out (or were committed) and landed in a block; `uids`/`weights` as sent. */
  weights: {
    block: number;
    at: number;
    decidedAt: number;
    epoch: number;
    mode: string;
    uids: number[];
    weights: number[];
  };
  /** A miner answered (or refused) one request. */
  request: {
    synapse: string;
    /** The caller's hotkey as it claims it (a blacklisted caller's is unverified). */
    hotkey: string | null;
    uid: number | null;
    /** The HTTP status sent: 200 answered, 403 blacklisted; 401, 408, 422, 500, 503, … failed. */
    status: number;
    outcome: 'ok' | 'blacklisted' | 'failed';
    /** Why, for a refusal or a failure. */
    detail?: string;
    latencyMs: number;
  };
  /** A number or flag the plug-in publishes (`ctx.figures.set('proofs_made', 12)`). */
  figure: { name: string; value: number | string | boolean | null };
}

export type NeuronEventName = keyof NeuronEventMap;
export type NeuronListener<K extends NeuronEventName> = (event: NeuronEventMap[K]) => void;

/** The subscribe side, what observers get. */
export interface NeuronEvents {
  on<K extends NeuronEventName>(name: K, listener: NeuronListener<K>): () => void;
  /** The plug-in's figures as last published. */
  figures(): ReadonlyMap<string, NeuronEventMap['figure']['value']>;
}

/** A plug-in's side of figures. */
export interface Figures {
  set(name: string, value: number | string | boolean | null): void;
  /** Adds `by` (default 1) to a numeric figure. */
  add(name: string, by?: number): void;
}

/**
 * A small typed event bus. Emitting with nobody listening costs one map look-up, and producers
 * check `listening(name)` before building an event that takes work to assemble.
 */
export class NeuronEventBus implements NeuronEvents, Figures {
  private readonly listeners = new Map<NeuronEventName, Set<(event: never) => void>>();
  private readonly figureValues = new Map<string, NeuronEventMap['figure']['value']>();

  constructor(private readonly onListenerError: (error: unknown, name: NeuronEventName) => void = () => {}) {}

  on<K extends NeuronEventName>(name: K, listener: NeuronListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  listening(name: NeuronEventName): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends NeuronEventName>(name: K, event: NeuronEventMap[K]): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    for (const listener of set) {
      try {
        (listener as NeuronListener<K>)(event);
      } catch (error) {
        // A dashboard's bug must not stop a step.
        this.onListenerError(error, name);
      }
    }
  }

  figures(): ReadonlyMap<string, NeuronEventMap['figure']['value']> {
    return this.figureValues;
  }

  set(name: string, value: number | string | boolean | null): void {
    this.figureValues.set(name, value);
    this.emit('figure', { name, value });
  }

  add(name: string, by = 1): void {
    const current = this.figureValues.get(name);
    this.set(name, (typeof current === 'number' ? current : 0) + by);
  }
}
