import type { ImageBindTextEmbedder } from '@taonode/media';
import { parseModelCommitment } from '../commitment/modelCommitment.js';
import { BLOCK_TIME_MS } from '../constants.js';
import type { ContractLimits } from '../contract/modelFiles.js';
import type { CaptionModelOptions } from '../decode/captionModel.js';
import { Sn21Error } from '../errors.js';
import type { DatasetSource } from '../evaluation/datasetSource.js';
import {
  type BaselineSource,
  type EvaluationRound,
  evaluateBaseline,
  evaluateCommitment,
  prepareRound,
} from '../evaluation/evaluateModel.js';
import type { RowSelectionOptions } from '../evaluation/selectRows.js';
import type { HubAccess } from '../hub/hubRepo.js';
import type { ModelCache } from '../hub/modelCache.js';
import {
  modelsDue,
  type OnChainCommitment,
  pruneDeregistered,
  recordFailure,
  recordScore,
  type Sn21State,
  syncCommitments,
} from '../scoring/scoreState.js';
import { seedBlockOf } from './roundSeed.js';
import type { Sn21Logger } from './sn21Logger.js';

/** What the validator reads from the chain (the plug-in implements it with @taonode/chain). */
export interface Sn21ChainReads {
  /** Every commitment of the subnet, as stored (the engine parses them). */
  commitments(): Promise<readonly { hotkey: string; block: number; text: string }[]>;
  /** Hash and timestamp of a block: the round's seed block, and commitment blocks (repo-age rule). */
  blockInfo(block: number): Promise<{ hash: string; timeMs: number }>;
}

export interface Sn21ValidatorDeps {
  chain: Sn21ChainReads;
  hub: HubAccess;
  cache: ModelCache;
  dataset: DatasetSource;
  /** ImageBind's text encoder (media's `loadImageBindText`). */
  text: ImageBindTextEmbedder;
  baseline: BaselineSource;
  logger: Sn21Logger;
  /** Wall clock, ms (evaluation times, budgets); Date.now by default. */
  now?: () => number;
}

export interface Sn21ValidatorSettings {
  competition: string;
  /** The rows change every this many blocks (the seed block is the round's first block). */
  roundBlocks: number;
  /** Per model, for captioning every row. */
  timeLimitMs: number;
  /** A model is evaluated again (on the rows of the round then current) after this long. */
  reevaluateAfterMs: number;
  maxNewTokens?: number;
  session?: CaptionModelOptions;
  limits?: Partial<ContractLimits>;
  maxRepoBytes?: number;
  /** Retries in a row (hub or dataset trouble) before a model's old score gives way to 0. */
  maxRetries?: number;
  rows?: Pick<RowSelectionOptions, 'maxAgeMs' | 'settleMs' | 'maxFiles' | 'rows'>;
}

export interface StepInput {
  /** Hotkeys by uid (the metagraph). */
  hotkeys: readonly string[];
  currentBlock: number;
  /** Wall-clock time this step may take; no evaluation starts that could overrun it. */
  budgetMs: number;
}

export type EvaluationReport =
  | { hotkey: string; uid: number; kind: 'scored'; score: number; baseline: number; ms: number }
  | {
      hotkey: string;
      uid: number;
      kind: 'penalty' | 'retry';
      code: string;
      reason: string;
      score?: number;
      ms: number;
    };

export interface StepReport {
  /** Commitments of registered hotkeys read this step. */
  commitments: number;
  ignored: { hotkey: string; uid: number; reason: string }[];
  round?: { seed: string; seedBlock: number; rows: number; files: number };
  baseline?: number;
  evaluated: EvaluationReport[];
  /** Models due that this step's budget did not reach. */
  pending: number;
  /** Why nothing was evaluated, when the round could not be prepared. */
  waiting?: string;
}

interface PreparedRound {
  seedBlock: number;
  seedTimeMs: number;
  round: EvaluationRound;
}

/**
 * The SN21 validator's work, one step at a time, over injected chain reads, hub, dataset, model
 * cache and text encoder: read the commitments → sync the state (new or changed commitments become
 * due, malformed ones are logged once and ignored) → drop deregistered hotkeys → prepare the
 * round's rows (seeded by the round's first block, so honest validators agree) and the baseline B
 * on them → evaluate due models while the step's budget allows → record each outcome. The state
 * goes in and comes out (persist it after every step); the prepared round is kept in memory and
 * rebuilt after a restart (B is reused when the state holds it for the same rows).
 */
export class Sn21ValidatorEngine {
  private prepared: PreparedRound | undefined;
  private readonly loggedIgnored = new Map<string, string>();
  private readonly blockTimes = new Map<number, number>();
  private lastWaiting: string | undefined;
  private readonly now: () => number;

  constructor(
    private readonly deps: Sn21ValidatorDeps,
    private readonly settings: Sn21ValidatorSettings,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** The prepared round's seed block, if any (for status pages). */
  get roundSeedBlock(): number | undefined {
    return this.prepared?.seedBlock;
  }

  async step(state: Sn21State, input: StepInput): Promise<{ state: Sn21State; report: StepReport }> {
    const started = this.now();
    const log = this.deps.logger;
    const report: StepReport = { commitments: 0, ignored: [], evaluated: [], pending: 0 };

    const uids = new Map(input.hotkeys.map((h, uid) => [h, uid] as const));
    const onChain: OnChainCommitment[] = [];
    for (const c of await this.deps.chain.commitments()) {
      const uid = uids.get(c.hotkey);
      if (uid !== undefined) onChain.push({ hotkey: c.hotkey, uid, block: c.block, text: c.text });
    }
    report.commitments = onChain.length;
    const synced = syncCommitments(state, onChain);
    let next = pruneDeregistered(synced.state, new Set(input.hotkeys));
    report.ignored = synced.ignored;
    this.logIgnored(synced.ignored, onChain);
    for (const hotkey of synced.changed) {
      const m = next.models[hotkey]!;
      log.info(
        { hotkey, uid: m.uid, block: m.block, commitment: m.commitment },
        'SN21 model commitment new or changed',
      );
    }
    for (const [hotkey, m] of Object.entries(next.models)) {
      if (m.penalty?.code === 'WRONG_COMPETITION' && state.models[hotkey]?.commitment !== m.commitment) {
        log.warn(
          { hotkey, uid: m.uid, reason: m.penalty.reason },
          'SN21 commitment for another competition: score 0',
        );
      }
    }

    const due = modelsDue(next, { nowMs: this.now(), reevaluateAfterMs: this.settings.reevaluateAfterMs });
    if (due.length === 0) return { state: next, report };

    const ready = await this.ensureRound(next, input.currentBlock);
    if (ready.kind === 'waiting') {
      report.waiting = ready.reason;
      report.pending = due.length;
      return { state: next, report };
    }
    next = ready.state;
    const { round, seedBlock } = ready.prepared;
    report.round = { seed: round.seed, seedBlock, rows: round.rows.length, files: round.files.length };
    report.baseline = ready.baseline;

    for (let i = 0; i < due.length; i++) {
      const elapsed = this.now() - started;
      if (elapsed + this.settings.timeLimitMs > input.budgetMs) {
        report.pending = due.length - i;
        break;
      }
      const hotkey = due[i]!;
      const evaluated = await this.evaluate(next, hotkey, ready.prepared, ready.baseline);
      next = evaluated.state;
      if (evaluated.report) report.evaluated.push(evaluated.report);
    }
    return { state: next, report };
  }

  private logIgnored(ignored: StepReport['ignored'], onChain: readonly OnChainCommitment[]): void {
    const texts = new Map(onChain.map((c) => [c.hotkey, c.text]));
    for (const i of ignored) {
      const text = texts.get(i.hotkey) ?? '';
      if (this.loggedIgnored.get(i.hotkey) === text) continue;
      this.loggedIgnored.set(i.hotkey, text);
      this.deps.logger.warn(
        { hotkey: i.hotkey, uid: i.uid, commitment: text.slice(0, 160), reason: i.reason },
        'SN21 commitment ignored',
      );
    }
  }

  /** The round for the current seed block and B on its rows, prepared once per seed. */
  private async ensureRound(
    state: Sn21State,
    currentBlock: number,
  ): Promise<
    | { kind: 'ready'; state: Sn21State; prepared: PreparedRound; baseline: number }
    | { kind: 'waiting'; reason: string }
  > {
    const seedBlock = seedBlockOf(currentBlock, this.settings.roundBlocks);
    if (this.prepared?.seedBlock !== seedBlock) {
      try {
        const block = await this.deps.chain.blockInfo(seedBlock);
        const round = await prepareRound(this.deps.dataset, this.deps.text, {
          ...this.settings.rows,
          blockHash: block.hash,
          blockTimeMs: block.timeMs,
          competition: this.settings.competition,
        });
        this.blockTimes.set(seedBlock, block.timeMs);
        this.prepared = { seedBlock, seedTimeMs: block.timeMs, round };
        this.deps.logger.info(
          // Not `seed`: the daemon's logger redacts keys of that name (wallet seeds).
          { seedBlock, rowSeed: round.seed, rows: round.rows.length, files: round.files.length },
          'SN21 evaluation round prepared',
        );
      } catch (err) {
        return this.waiting(`cannot prepare the rows of the round at block ${seedBlock}`, err);
      }
    }
    const prepared = this.prepared;
    if (state.baseline?.seed === prepared.round.seed) {
      return { kind: 'ready', state, prepared, baseline: state.baseline.score };
    }
    try {
      const t = this.now();
      const b = await evaluateBaseline(this.deps.baseline, prepared.round, {
        ...this.evaluationOptions(),
        hub: this.deps.hub,
        cache: this.deps.cache,
      });
      this.deps.logger.info(
        { baseline: b.score, rowSeed: prepared.round.seed, ms: this.now() - t },
        'SN21 baseline evaluated on the round',
      );
      this.lastWaiting = undefined;
      return {
        kind: 'ready',
        state: { ...state, baseline: { score: b.score, seed: prepared.round.seed, atMs: this.now() } },
        prepared,
        baseline: b.score,
      };
    } catch (err) {
      return this.waiting('the baseline model could not be evaluated', err);
    }
  }

  private waiting(what: string, err: unknown): { kind: 'waiting'; reason: string } {
    const reason = `${what}: ${err instanceof Error ? err.message : String(err)}`;
    // Said once per distinct reason: the validator retries every step.
    if (reason !== this.lastWaiting) {
      this.lastWaiting = reason;
      const hint = err instanceof Sn21Error ? err.hint : undefined;
      this.deps.logger.error({ reason, ...(hint ? { hint } : {}) }, 'SN21 evaluation waits');
    }
    return { kind: 'waiting', reason };
  }

  private evaluationOptions() {
    const s = this.settings;
    return {
      text: this.deps.text,
      timeLimitMs: s.timeLimitMs,
      ...(s.maxNewTokens === undefined ? {} : { maxNewTokens: s.maxNewTokens }),
      ...(s.session === undefined ? {} : { session: s.session }),
      ...(s.limits === undefined ? {} : { check: { limits: s.limits } }),
    };
  }

  /** A commitment block's time: read from the chain, else estimated from the seed block (12 s blocks). */
  private async commitTime(block: number, prepared: PreparedRound): Promise<number> {
    const known = this.blockTimes.get(block);
    if (known !== undefined) return known;
    try {
      const t = (await this.deps.chain.blockInfo(block)).timeMs;
      if (this.blockTimes.size > 4096) this.blockTimes.clear();
      this.blockTimes.set(block, t);
      return t;
    } catch {
      return prepared.seedTimeMs - (prepared.seedBlock - block) * BLOCK_TIME_MS;
    }
  }

  private async evaluate(
    state: Sn21State,
    hotkey: string,
    prepared: PreparedRound,
    baseline: number,
  ): Promise<{ state: Sn21State; report?: EvaluationReport }> {
    const record = state.models[hotkey];
    if (record === undefined) return { state };
    const log = this.deps.logger;
    const uid = record.uid;
    const t = this.now();
    const commitTimeMs = await this.commitTime(record.block, prepared);
    const s = this.settings;
    const outcome = await evaluateCommitment(
      {
        hub: this.deps.hub,
        cache: this.deps.cache,
        commitment: parseModelCommitment(record.commitment),
        hotkey,
        commitTimeMs,
        ...(s.limits === undefined ? {} : { limits: s.limits }),
        ...(s.maxRepoBytes === undefined ? {} : { maxRepoBytes: s.maxRepoBytes }),
        onDownload: (f) =>
          log.info({ hotkey, uid, file: f.path, bytes: f.bytes }, 'SN21 downloading model file'),
      },
      prepared.round,
      this.evaluationOptions(),
    );
    const ms = this.now() - t;
    const atMs = this.now();
    if (outcome.kind === 'scored') {
      log.info(
        { hotkey, uid, score: outcome.score, baseline, revision: outcome.revision, ms },
        'SN21 model scored',
      );
      return {
        state: recordScore(state, hotkey, {
          score: outcome.score,
          baseline,
          contentHash: outcome.contentHash,
          revision: outcome.revision,
          seed: prepared.round.seed,
          atMs,
        }),
        report: { hotkey, uid, kind: 'scored', score: outcome.score, baseline, ms },
      };
    }
    const e = outcome.error;
    const next = recordFailure(state, hotkey, e, {
      atMs,
      ...(outcome.contentHash ? { contentHash: outcome.contentHash } : {}),
      ...(s.maxRetries === undefined ? {} : { maxRetries: s.maxRetries }),
    });
    // recordFailure either counts a retry (the old score stays) or sets a penalty and resets the count.
    const after = next.models[hotkey];
    const penalty = after?.retries === 0 ? after.penalty : undefined;
    const kind = penalty ? 'penalty' : 'retry';
    const details = {
      hotkey,
      uid,
      code: e.code,
      reason: e.message,
      disposition: e.disposition,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(kind === 'penalty' ? { score: penalty?.score } : { retries: next.models[hotkey]?.retries }),
      ms,
    };
    if (kind === 'penalty') log.warn(details, 'SN21 model penalised');
    else log.warn(details, 'SN21 model evaluation failed; retried later');
    return {
      state: next,
      report: {
        hotkey,
        uid,
        kind,
        code: kind === 'penalty' ? (penalty?.code ?? e.code) : e.code,
        reason: e.message,
        ...(kind === 'penalty' && penalty ? { score: penalty.score } : {}),
        ms,
      },
    };
  }
}
