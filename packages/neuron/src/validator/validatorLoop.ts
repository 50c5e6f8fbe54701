import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import { type ChainPort, chainErrorName, type NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import { untilAborted } from '../lifecycle/untilAborted.js';
import type { ForwardContext, ValidatorHooks } from '../subnet/validatorPlugin.js';
import { sampleMiners, servingMiners } from './sampleMiners.js';
import { ScoreBook } from './scoreBook.js';
import { loadValidatorState, saveValidatorState, type WeightsRecord } from './validatorState.js';
import { weightsDecision } from './weightsSchedule.js';

export interface ValidatorLoopDeps<D, Round> {
  config: NeuronConfig;
  hotkey: string;
  versionKey: number;
  chain: ChainPort;
  cache: MetagraphCache;
  dendrite: D;
  hooks: ValidatorHooks<D, Round>;
  logger: Logger;
  metrics: NeuronMetrics;
  signal: AbortSignal;
  random?: () => number;
}

/** One validator: sync → sample → forward → score → moving average → persist → weights when due. */
export class ValidatorLoop<D, Round> {
  private book = new ScoreBook();
  private stepCount = 0;
  private lastWeights: WeightsRecord | null = null;
  private backoffUntilBlock = 0;
  private lastStepAt = 0;
  private lastNotice = '';
  private chainDown = false;

  constructor(private readonly deps: ValidatorLoopDeps<D, Round>) {}

  get steps(): number {
    return this.stepCount;
  }

  get lastStepTime(): number {
    return this.lastStepAt;
  }

  get scores(): ScoreBook {
    return this.book;
  }

  /** Loads persisted scores; a corrupt or foreign file is reported and set aside, never fatal. */
  async resume(): Promise<void> {
    const { config, hotkey, logger } = this.deps;
    const result = await loadValidatorState(config.neuron.stateDir, { netuid: config.netuid, hotkey });
    if (result.kind === 'loaded') {
      this.book = new ScoreBook({ hotkeys: result.state.hotkeys, scores: result.state.scores });
      this.stepCount = result.state.step;
      this.lastWeights = result.state.lastWeights;
      logger.info(
        {
          step: this.stepCount,
          uids: this.book.size,
          // Lets an operator (and the crash test) see that these exact scores came back.
          scoreSum: this.book.snapshot().scores.reduce((a, b) => a + b, 0),
          lastWeightsBlock: this.lastWeights?.block ?? null,
        },
        'resumed validator state',
      );
    } else if (result.kind === 'corrupt') {
      logger.warn(
        { movedTo: result.movedTo, reason: result.reason },
        'state file was corrupt; starting fresh',
      );
    } else if (result.kind === 'mismatch') {
      logger.warn(
        { reason: result.reason, dir: config.neuron.stateDir },
        'state file belongs elsewhere; ignoring',
      );
    } else {
      logger.info({ dir: config.neuron.stateDir }, 'no saved state; starting fresh');
    }
  }

  async step(): Promise<void> {
    const { config, cache, hooks, logger, metrics } = this.deps;
    const end = metrics.stepSeconds.startTimer();
    logger.debug({ step: this.stepCount }, 'step started');
    try {
      const mg = cache.value ?? (await cache.refresh());
      const ownUid = cache.uidOf(this.deps.hotkey);
      if (ownUid === undefined) {
        throw new Error(`hotkey ${this.deps.hotkey} is not registered on netuid ${config.netuid}`);
      }
      const reset = this.book.syncHotkeys(mg.hotkeys);
      if (reset.length > 0) logger.info({ uids: reset }, 'hotkey changed: score reset');
      const miners = sampleMiners(servingMiners(mg, ownUid), config.neuron.sampleSize, this.deps.random);
      if (miners.length === 0) {
        this.notice('no serving miners yet');
      } else {
        const ctx: ForwardContext<D> = {
          step: this.stepCount,
          miners,
          dendrite: this.deps.dendrite,
          metagraph: mg,
          config,
          signal: this.deps.signal,
          logger,
        };
        const round = await untilAborted(hooks.forward(ctx), this.deps.signal);
        const rewards = await untilAborted(hooks.score(round, ctx), this.deps.signal);
        this.book.update(rewards, config.neuron.movingAverageAlpha);
        logger.debug({ step: this.stepCount, rewards }, 'scored');
      }
      this.stepCount++;
      await this.persist();
      this.lastStepAt = Date.now();
      metrics.steps.inc({ result: 'ok' });
      try {
        await this.maybeSetWeights(ownUid);
        this.chainDown = false;
      } catch (error) {
        // The step's scores are already saved; weights simply wait for the chain to come back.
        const name = error instanceof Error ? error.name : 'Error';
        // Once per outage at warn; every step after that at debug, until a step gets through.
        const log = this.chainDown ? logger.debug.bind(logger) : logger.warn.bind(logger);
        log(
          { error: name, message: (error as Error).message },
          'weights skipped this step: chain unavailable',
        );
        this.chainDown = true;
      }
    } catch (error) {
      metrics.steps.inc({ result: 'error' });
      throw error;
    } finally {
      end();
    }
  }

  /** A repeated condition (every step) is logged at info once, then at debug until it changes. */
  private notice(message: string): void {
    if (message === this.lastNotice) this.deps.logger.debug(message);
    else this.deps.logger.info(message);
    this.lastNotice = message;
  }

  private async persist(): Promise<void> {
    const snap = this.book.snapshot();
    await saveValidatorState(this.deps.config.neuron.stateDir, {
      version: 1,
      netuid: this.deps.config.netuid,
      hotkey: this.deps.hotkey,
      step: this.stepCount,
      hotkeys: snap.hotkeys,
      scores: snap.scores,
      lastWeights: this.lastWeights,
      updatedAt: new Date().toISOString(),
    });
  }

  private async maybeSetWeights(ownUid: number): Promise<void> {
    const { config, chain, logger, metrics } = this.deps;
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
        last: this.lastWeights,
        backoffUntilBlock: this.backoffUntilBlock,
        cadence: this.deps.hooks.weightsCadence,
      });
      if (!decision.due) logger.debug({ block, reason: decision.reason }, 'weights not due');
      return decision.due;
    };
    if (!due(this.deps.cache.value!)) return;
    const mg = await this.deps.cache.refresh();
    if (!due(mg)) return;
    const scored = this.book.toWeights();
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
      this.lastWeights = {
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
      await this.persist();
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
