import type { PluginContext, ValidatorHooks } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { burnToOwner } from '../scoring/ownerBurn.js';
import { sn2WeightsCadence } from '../scoring/weightWindow.js';
import { loadCircuits } from './loadCircuits.js';
import { ScoreState } from './scoreState.js';
import { runtimeReward, runtimeScoreAfter, updateScore } from './scoreUpdate.js';
import { type QueriedResult, ValidatorService } from './validatorService.js';

export interface Sn2Round {
  results: QueriedResult[];
  /** Sampled uids with validator-sized stake: never asked, scored 0 (spec §4.2, §4.4). */
  notQueryable: number[];
}

/** The reference's queryability rule: a uid with this much stake (TAO) is a validator. */
export const VALIDATOR_STAKE_THRESHOLD = 1024;

/** Runs `fn` over `items` with at most `limit` in flight, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * The SN2 validator on the neuron runtime: each step asks every sampled miner for a proof on fresh
 * inputs, verifies it in process, and updates that miner's score with the reference's rule. The
 * runtime turns the scores into weights.
 */
export async function createSn2Validator({
  config,
  logger,
}: PluginContext): Promise<ValidatorHooks<Dendrite, Sn2Round>> {
  const circuits = await loadCircuits(config, logger);
  const service = await ValidatorService.create(circuits);
  const loaded = await ScoreState.load(config.neuron.stateDir);
  if (loaded.problem) logger.warn({ problem: loaded.problem }, 'SN2 score file unreadable; starting fresh');
  const state = loaded.state;
  const alpha = config.neuron.movingAverageAlpha;
  if (alpha < 0.4) {
    logger.warn(
      { alpha },
      'SN2 cuts a failed miner by 40% per answer; with --neuron.moving_average_alpha below 0.4 the cut is only alpha',
    );
  }
  const ownerBurn = config.values['neuron.owner_burn'] as number;
  const epochTempo = config.values['neuron.epoch_tempo'] as number;
  let ownerMissingWarned = false;
  return {
    weightsCadence: sn2WeightsCadence({
      rateLimit: config.values['neuron.weights_rate_limit'] as number,
      updateBuffer: config.values['neuron.weights_update_buffer'] as number,
      ...(epochTempo > 0 ? { tempo: epochTempo } : {}),
    }),
    finalizeWeights(weights, mg) {
      const found = mg.ownerHotkey === undefined ? -1 : mg.hotkeys.indexOf(mg.ownerHotkey);
      if (ownerBurn > 0 && found < 0 && !ownerMissingWarned) {
        ownerMissingWarned = true;
        logger.warn(
          { ownerHotkey: mg.ownerHotkey ?? null },
          "SN2: the subnet owner's hotkey holds no uid; weights go to miners only",
        );
      }
      return burnToOwner(weights, found < 0 ? undefined : found, ownerBurn);
    },
    async forward(ctx) {
      const reset = state.syncHotkeys(ctx.metagraph.hotkeys);
      if (reset.length > 0) logger.info({ uids: reset }, 'SN2: hotkey changed, score reset');
      const queryable = ctx.miners.filter(
        (m) => (ctx.metagraph.stake[m.uid] ?? 0) < VALIDATOR_STAKE_THRESHOLD,
      );
      const notQueryable = ctx.miners.filter((m) => !queryable.includes(m)).map((m) => m.uid);
      const results = await mapLimit(queryable, ctx.config.neuron.queryConcurrency, (m) =>
        service
          .query(ctx.dendrite, m, ctx.config.neuron.timeoutSeconds, ctx.signal)
          .catch((err: unknown): QueriedResult => {
            // Stopping is not the miner's fault: the step is dropped, nobody is penalised.
            if (ctx.signal.aborted) throw err;
            return {
              uid: m.uid,
              circuit: 'unknown',
              verified: false,
              responseTime: null,
              proofSize: 5000,
              reason: 'call_failed',
              detail: err instanceof Error ? err.message : String(err),
            };
          }),
      );
      return { results, notQueryable };
    },
    async score(round, ctx) {
      const rewards = round.results.map((r) => {
        const u = updateScore(state, r, { timeoutSeconds: ctx.config.neuron.timeoutSeconds });
        const reward = runtimeReward(u.previous, u.next, alpha);
        state.setScore(r.uid, runtimeScoreAfter(u.previous, reward, alpha));
        const fields = {
          uid: r.uid,
          circuit: r.circuit,
          verified: r.verified,
          responseTime: r.responseTime,
          proofSize: r.proofSize,
          score: u.next,
          ...(r.reason ? { reason: r.reason, detail: r.detail } : {}),
        };
        if (r.verified) logger.info(fields, 'SN2 proof verified');
        else logger.info(fields, 'SN2 answer unverified');
        return { uid: r.uid, reward };
      });
      for (const uid of round.notQueryable) {
        state.setScore(uid, runtimeScoreAfter(state.score(uid), 0, alpha));
        rewards.push({ uid, reward: 0 });
      }
      await state.save();
      return rewards;
    },
  };
}
