import { mapLimit } from '@taonode/kit';
import type { PluginContext, ValidatorHooks } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { burnToOwner } from '../scoring/ownerBurn.js';
import { sn2WeightsCadence } from '../scoring/weightWindow.js';
import { loadCircuits } from './loadCircuits.js';
import type { Sn2Options } from './sn2Options.js';
import { type Sn2Result, type Sn2ScoreState, sn2Scoring } from './sn2Scoring.js';
import { type QueriedResult, ValidatorService } from './validatorService.js';

export interface Sn2Round {
  results: QueriedResult[];
  /** Sampled uids with validator-sized stake: never asked, scored 0 (spec §4.2, §4.4). */
  notQueryable: number[];
}

/** The reference's queryability rule: a uid with this much stake (alpha) is a validator. */
export const VALIDATOR_STAKE_THRESHOLD = 1024;

/**
 * The SN2 validator on the neuron runtime: each step asks every sampled miner for a proof on fresh
 * inputs, verifies it in process, and reports each answer; `sn2Scoring` moves the scores by the
 * reference's rule and the runtime turns them into weights.
 */
export async function createSn2Validator({
  config,
  options,
  logger,
}: PluginContext<Sn2Options>): Promise<ValidatorHooks<Dendrite, Sn2Round, Sn2Result, Sn2ScoreState>> {
  const circuits = await loadCircuits(options, 'validator', logger);
  const service = await ValidatorService.create(circuits);
  let ownerMissingWarned = false;
  return {
    scoring: sn2Scoring({ timeoutSeconds: config.neuron.timeoutSeconds }),
    weightsCadence: sn2WeightsCadence({
      rateLimit: options.weightsRateLimit,
      updateBuffer: options.weightsUpdateBuffer,
      ...(options.epochTempo > 0 ? { tempo: options.epochTempo } : {}),
    }),
    finalizeWeights(weights, mg) {
      const found = mg.ownerHotkey === undefined ? -1 : mg.hotkeys.indexOf(mg.ownerHotkey);
      if (options.ownerBurn > 0 && found < 0 && !ownerMissingWarned) {
        ownerMissingWarned = true;
        logger.warn(
          { ownerHotkey: mg.ownerHotkey ?? null },
          "SN2: the subnet owner's hotkey holds no uid; weights go to miners only",
        );
      }
      return burnToOwner(weights, found < 0 ? undefined : found, options.ownerBurn);
    },
    async forward(ctx) {
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
    score(round) {
      const out: Sn2Result[] = round.results.map((r) => {
        const components = {
          circuit: r.circuit,
          verified: r.verified,
          responseTime: r.responseTime,
          proofSize: r.proofSize,
          ...(r.reason ? { reason: r.reason } : {}),
        };
        logger.info(
          { uid: r.uid, ...components, ...(r.detail ? { detail: r.detail } : {}) },
          r.verified ? 'SN2 proof verified' : 'SN2 answer unverified',
        );
        return {
          uid: r.uid,
          reward: r.verified ? 1 : 0,
          components,
          kind: 'answer',
          circuit: r.circuit,
          verified: r.verified,
          responseTime: r.responseTime,
        };
      });
      for (const uid of round.notQueryable) {
        out.push({ uid, reward: 0, components: { queryable: false }, kind: 'not_queryable' });
      }
      return out;
    },
  };
}
