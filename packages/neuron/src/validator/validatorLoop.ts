import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import { type ChainPort, chainErrorName, type NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronEventBus, StepResult } from '../events/neuronEvents.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import { untilAborted } from '../lifecycle/untilAborted.js';
import { movingAverage } from '../scoring/movingAverage.js';
import type { Reward, ScoringStrategy } from '../scoring/scoringStrategy.js';
import { STATE_FILE } from '../state/stateFile.js';
import { logOpenOutcome, StateStore } from '../state/stateStore.js';
import type { PluginChain } from '../subnet/pluginContext.js';
import type { AnyValidatorHooks } from '../subnet/subnetPlugin.js';
import type { CandidateContext, StepContext } from '../subnet/validatorPlugin.js';
import { sampleMiners, servingMiners } from './sampleMiners.js';
import { weightsDecision } from './weightsSchedule.js';

export interface ValidatorLoopDeps<D> {
  config: NeuronConfig;
  hotkey: string;
  versionKey: number;
  chain: ChainPort;
  cache: MetagraphCache;
  dendrite: D;
  hooks: AnyValidatorHooks<D>;
  logger: Logger;
  metrics: NeuronMetrics;
  signal: AbortSignal;
  /** The plug-in's view of the chain (default: one that refuses every call, for tests). */
  pluginChain?: PluginChain;
  /** Where step and weights events go (default: nowhere). */
  events?: NeuronEventBus;
  /** The state store, when the runtime opened it already (it also holds the plug-in's slots). */
  store?: StateStore<unknown>;
  random?: () => number;
}

/** One validator: sync → candidates → forward → score → strategy → persist → weights when due. */
export class ValidatorLoop<D> {
  private store: StateStore<unknown> | undefined;
  private readonly strategy: ScoringStrategy<unknown, Reward>;
  private backoffUntilBlock = 0;
  private lastStepAt = 0;
  private stepStartedAt = 0;
  private lastNotice = '';
  private chainDown = false;
  private weightsInFlight: Promise<void> | undefined;
  private resumed = false;

  constructor(private readonly deps: ValidatorLoopDeps<D>) {
    this.strategy = deps.hooks.scoring ?? movingAverage(deps.config.neuron.movingAverageAlpha);
    this.store = deps.store;
  }

  get steps(): number {
    return this.store?.step ?? 0;
  }

  /** When the last step finished (ms since epoch; 0 before the first). */
  get lastStepTime(): number {
    return this.lastStepAt;
  }

  /** When the step in flight started (0 when none runs). */
  get runningSince(): number {
    return this.stepStartedAt;
  }

  /** The strategy's score per uid. */
  get scores(): readonly number[] {
    return this.store?.scores() ?? [];
  }

  /** Opens the state file (once) and loads or migrates the scores into the strategy. */
  async resume(): Promise<StateStore<unknown>> {
    if (this.resumed) return this.store!;
    const { config, hotkey, logger } = this.deps;
    const dir = config.neuron.stateDir;
    if (!this.store) {
      const opened = await StateStore.open({ dir, file: STATE_FILE, netuid: config.netuid, hotkey, logger });
      logOpenOutcome(logger, opened.outcome, dir);
      this.store = opened.store;
    }
    const store = this.store;
    const outcome = await store.attachScoring(this.strategy);
    this.resumed = true;
    if (outcome.kind === 'migrated') {
      logger.info(
        { from: outcome.from, dir, strategy: this.strategy.kind },
        'migrated validator state to version 2',
      );
    } else if (outcome.kind === 'corrupt') {
      logger.warn(
        { movedTo: outcome.movedTo, reason: outcome.reason },
        'saved scores were unreadable; scores start fresh',
      );
    } else if (outcome.kind === 'strategy-changed') {
      logger.warn(
        { was: outcome.was, now: this.strategy.kind },
        'saved scores use another scoring rule; scores start fresh',
      );
    }
    if (outcome.kind === 'fresh' && store.step === 0) {
      logger.info({ dir }, 'no saved state; starting fresh');
    } else {
      const scores = store.scores();
      logger.info(
        {
          step: store.step,
          uids: scores.length,
          // Lets an operator (and the crash test) see that these exact scores came back.
          scoreSum: scores.reduce((a, b) => a + b, 0),
          lastWeightsBlock: store.lastWeights?.block ?? null,
        },
        'resumed validator state',
      );
    }
    return store;
  }

  async step(): Promise<void> {
    const store = await this.resume();
    const { config, cache, hooks, logger, metrics, events } = this.deps;
    const end = metrics.stepSeconds.startTimer();
    this.stepStartedAt = Date.now();
    logger.debug({ step: store.step }, 'step started');
    try {
      const mg = cache.value ?? (await cache.refresh());
      const ownUid = cache.uidOf(this.deps.hotkey);
      if (ownUid === undefined) {
        throw new Error(`hotkey ${this.deps.hotkey} is not registered on netuid ${config.netuid}`);
      }
      const reset = this.strategy.sync(store.scoring, mg.hotkeys);
      if (reset.length > 0) logger.info({ uids: reset }, 'hotkey changed: score reset');
      const base = {
        step: store.step,
        metagraph: mg,
        uid: ownUid,
        config,
        signal: this.deps.signal,
        logger,
        chain: this.deps.pluginChain ?? unavailableChain,
      };
      const sampled = sampleMiners(servingMiners(mg, ownUid), config.neuron.sampleSize, this.deps.random);
      const candidateCtx: CandidateContext = { ...base, sampled };
      const miners = hooks.candidates
        ? await untilAborted(hooks.candidates(candidateCtx), this.deps.signal)
        : sampled;
      let results: StepResult[] = [];
      if (miners.length === 0) {
        this.notice(hooks.candidates ? 'no candidates this step' : 'no serving miners yet');
      } else {
        const ctx: StepContext<D, unknown> = { ...base, miners, dendrite: this.deps.dendrite };
        const round = await untilAborted(hooks.forward(ctx), this.deps.signal);
        const rewards = await untilAborted(hooks.score(round, ctx), this.deps.signal);
        const next = this.strategy.update(store.scoring, rewards, { metagraph: mg, step: store.step });
        if (next !== undefined) store.scoring = next;
        logger.debug(
          { step: store.step, rewards: rewards.map(({ uid, reward }) => ({ uid, reward })) },
          'scored',
        );
        if (events?.listening('step')) results = this.stepResults(rewards, mg);
      }
      store.step++;
      await store.save();
      this.lastStepAt = Date.now();
      metrics.steps.inc({ result: 'ok' });
      events?.emit('step', {
        step: store.step - 1,
        at: this.lastStepAt,
        block: cache.value?.block ?? mg.block,
        durationMs: this.lastStepAt - this.stepStartedAt,
        results,
        reset,
      });
      this.stepStartedAt = 0;
      await this.checkWeights(ownUid);
    } catch (error) {
      this.stepStartedAt = 0;
      metrics.steps.inc({ result: 'error' });
      throw error;
    } finally {
      end();
    }
  }

  /**
   * Weights when due, from outside a step: the runtime calls this every few blocks while a long
   * step runs (a two-hour evaluation must not hold weights back). Never throws.
   */
  async weightsBetweenSteps(): Promise<void> {
    const ownUid = this.deps.cache.uidOf(this.deps.hotkey);
    if (ownUid === undefined || !this.store) return;
    await this.checkWeights(ownUid);
  }

  private stepResults(rewards: readonly Reward[], mg: NeuronMetagraph): StepResult[] {
    const scores = this.store!.scores();
    return rewards.map((r) => ({
      uid: r.uid,
      hotkey: mg.hotkeys[r.uid] ?? null,
      reward: r.reward,
      score: scores[r.uid] ?? 0,
      ...(r.components ? { components: r.components } : {}),
    }));
  }

  /** One weights attempt at a time; a failure is logged (scores are saved already) and retried later. */
  private checkWeights(ownUid: number): Promise<void> {
    this.weightsInFlight ??= this.maybeSetWeights(ownUid)
      .then(() => {
        this.chainDown = false;
      })
      .catch((error: unknown) => {
        const name = error instanceof Error ? error.name : 'Error';
        // Once per outage at warn; every step after that at debug, until a step gets through.
        const log = this.chainDown
          ? this.deps.logger.debug.bind(this.deps.logger)
          : this.deps.logger.warn.bind(this.deps.logger);
        log(
          { error: name, message: (error as Error).message },
          'weights skipped this step: chain unavailable',
        );
        this.chainDown = true;
      })
      .finally(() => {
        this.weightsInFlight = undefined;
      });
    return this.weightsInFlight;
  }

  /** A repeated condition (every step) is logged at info once, then at debug until it changes. */
  private notice(message: string): void {
    if (message === this.lastNotice) this.deps.logger.debug(message);
    else this.deps.logger.info(message);
    this.lastNotice = message;
  }

  private async maybeSetWeights(ownUid: number): Promise<void> {
    const { config, chain, logger, metrics } = this.deps;
    const store = this.store!;
    if (config.neuron.disableSetWeights) return;
    if (chain.revealDue) {
      const revealed = await chain.revealDue({ netuid: config.netuid });
      if (revealed > 0) logger.info({ revealed }, 'revealed committed weights');
    }
    const block = await chain.blockNumber();
    // Decide on a fresh metagraph: LastUpdate on chain is the truth about what already landed.
    const due = (mg: NeuronMetagraph) => {
      const decision = weightsDecision({
        block,
        mg,
        ownUid,
        last: store.lastWeights,
        backoffUntilBlock: this.backoffUntilBlock,
        cadence: this.deps.hooks.weightsCadence,
      });
      if (!decision.due) logger.debug({ block, reason: decision.reason }, 'weights not due');
      return decision.due;
    };
    if (!due(this.deps.cache.value!)) return;
    const mg = await this.deps.cache.refresh();
    if (!due(mg)) return;
    const scored = this.strategy.weights(store.scoring, { metagraph: mg });
    if (scored.uids.length === 0) {
      this.notice('no positive scores yet; not setting weights');
      return;
    }
    const { uids, weights } = this.deps.hooks.finalizeWeights?.(scored, mg) ?? scored;
    try {
      const outcome = await chain.submitWeights({
        netuid: config.netuid,
        uids,
        weights,
        versionKey: this.deps.versionKey,
      });
      if (outcome.kind === 'skipped') {
        metrics.weightsSubmitted.inc({ result: 'skipped' });
        logger.info({ reason: outcome.reason }, 'weights skipped');
        this.backoffUntilBlock = block + 2;
        return;
      }
      store.lastWeights = {
        block: outcome.block,
        epoch: Math.floor(outcome.block / (mg.tempo + 1)),
        uids,
        weights,
        mode: outcome.kind,
      };
      metrics.weightsSubmitted.inc({ result: outcome.kind });
      logger.info(
        { block: outcome.block, decidedAt: block, mode: outcome.kind, uids, weights },
        'weights submitted',
      );
      await store.save();
      this.deps.events?.emit('weights', { ...store.lastWeights, at: Date.now(), decidedAt: block });
    } catch (error) {
      const name = chainErrorName(error);
      metrics.weightsSubmitted.inc({ result: name ?? 'error' });
      // A rejection is a known outcome; back off a few blocks. Anything else (lost connection) is
      // settled by the fresh LastUpdate check before the next attempt.
      this.backoffUntilBlock = block + (name ? Math.max(2, Math.min(mg.tempo, 10)) : 1);
      logger.warn({ err: error, chainError: name, block }, 'setting weights failed; will retry');
    }
  }
}

const refuse = async (): Promise<never> => {
  throw new Error('the chain is not available to this plug-in here');
};

/** For loops built without the runtime (tests): every chain call refuses. */
const unavailableChain: PluginChain = {
  hotkey: '',
  sign: () => {
    throw new Error('no signer here');
  },
  block: refuse,
  blockHash: refuse,
  blockTime: refuse,
  metagraph: refuse,
  commitment: refuse,
  commitments: refuse,
  setCommitment: refuse,
  balance: refuse,
};
