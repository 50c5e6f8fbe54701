import { join } from 'node:path';
import type { OnnxImageBindText } from '@taonode/media';
import { loadImageBindText } from '@taonode/media';
import type { PluginContext, ValidatorHooks } from '@taonode/neuron';
import { type DatasetSource, hubDatasetSource, localDatasetSource } from '../evaluation/datasetSource.js';
import type { HubAccess } from '../hub/hubRepo.js';
import { ModelCache } from '../hub/modelCache.js';
import { emptySn21State, reputationsForEpoch, sn21StateSchema } from '../scoring/scoreState.js';
import {
  resolveBurnUid,
  type Sn21Reward,
  type Sn21Scores,
  sn21Rewards,
  sn21ScoringStrategy,
} from '../validator/sn21Scoring.js';
import { Sn21ValidatorEngine, type StepReport } from '../validator/validatorEngine.js';
import type { Sn21Options } from './sn21Options.js';
import { sessionOf, validatorSources } from './sn21Settings.js';

/**
 * Seconds one validator step may run before /healthz calls it stale: a step evaluates every model
 * that is due, one after another, each within `--sn21.time_limit` (at most an hour).
 */
export const SN21_STEP_BUDGET_S = 4 * 3600;

/** Every uid is a candidate: any hotkey may have committed a model (nobody is queried). */
interface Sn21Candidate {
  uid: number;
  hotkey: string;
}

async function openText(o: Sn21Options, ctx: PluginContext<Sn21Options>): Promise<OnnxImageBindText> {
  const sources = validatorSources(o);
  if (sources.text.kind === 'test') {
    ctx.logger.warn(
      'SN21 scores captions with the tiny random-weight TEST text encoder (--sn21.test_models)',
    );
    const { loadTinyImageBindText } = await import('../testing/tinyImageBindText.js');
    return loadTinyImageBindText();
  }
  return loadImageBindText(
    { source: sources.text.source },
    { ...sessionOf(o), batch_size: 16 },
    {
      ...(ctx.env.HF_TOKEN ? { fetch: { accessToken: ctx.env.HF_TOKEN } } : {}),
      onFallback: (device, reason) =>
        ctx.logger.warn({ device, reason }, 'SN21 text encoder: provider skipped'),
    },
  );
}

/**
 * The SN21 validator on the neuron runtime: each step reads every commitment, evaluates the models
 * that are due (new or changed commitments first, then the oldest evaluations) on the round's
 * seeded rows, at the committed revision, ONNX only, within the step budget; the state (models,
 * baseline, reputations) lives in a slot of the runtime's state file, and one reputation step is
 * applied per epoch. Every uid gets its reward (effective score) with its components, and the
 * two-pool strategy turns them into weights.
 */
export async function createSn21Validator(
  ctx: PluginContext<Sn21Options>,
): Promise<ValidatorHooks<unknown, StepReport, Sn21Reward, Sn21Scores, Sn21Candidate>> {
  const { options: o, config, logger, figures, state, chain } = ctx;
  const sources = validatorSources(o);
  const hub: HubAccess = { hubUrl: o.hubUrl, ...(ctx.env.HF_TOKEN ? { accessToken: ctx.env.HF_TOKEN } : {}) };
  const dataset: DatasetSource =
    sources.dataset.kind === 'local'
      ? localDatasetSource(sources.dataset.dir)
      : hubDatasetSource({
          hub,
          repo: sources.dataset.repo,
          ...(sources.dataset.revision ? { revision: sources.dataset.revision } : {}),
        });
  const cacheDir = o.cacheDir ?? join(config.neuron.stateDir, 'models');
  const cache = await ModelCache.open({ dir: cacheDir, maxBytes: Math.floor(o.cacheGb * 1e9) });
  const text = await openText(o, ctx);
  const slot = state.slot('sn21', sn21StateSchema, emptySn21State(o.competition));
  if (slot.value.competition !== o.competition) {
    logger.warn(
      { was: slot.value.competition, now: o.competition },
      'SN21 competition changed: models start fresh',
    );
    await slot.set(emptySn21State(o.competition));
  }
  const timeLimitMs = o.timeLimit * 1000;
  const engine = new Sn21ValidatorEngine(
    {
      chain: {
        commitments: async () =>
          (await chain.commitments()).map((c) => ({ hotkey: c.hotkey, block: c.block, text: c.text })),
        blockInfo: async (block) => {
          const b = await chain.blockTime(block);
          return { hash: b.hash, timeMs: b.timestampMs };
        },
      },
      hub,
      cache,
      dataset,
      text,
      baseline: sources.baseline,
      logger,
    },
    {
      competition: o.competition,
      roundBlocks: o.roundBlocks,
      timeLimitMs,
      reevaluateAfterMs: o.reevaluateHours * 3_600_000,
      maxNewTokens: o.maxNewTokens,
      session: sessionOf(o),
      maxRepoBytes: Math.floor(o.maxRepoGb * 1024 ** 3),
    },
  );
  // Room for the baseline's evaluation and one model's on top of what the engine starts.
  const budgetMs = SN21_STEP_BUDGET_S * 1000 - 2 * timeLimitMs - 60_000;
  logger.info(
    {
      dataset: dataset.description,
      baseline:
        sources.baseline.kind === 'local'
          ? sources.baseline.dir
          : `${sources.baseline.repo}@${sources.baseline.revision}`,
      hub: o.hubUrl,
      cacheDir,
      cacheGb: o.cacheGb,
      timeLimitS: o.timeLimit,
      roundBlocks: o.roundBlocks,
    },
    'SN21 validator ready',
  );
  return {
    scoring: sn21ScoringStrategy({ burnUid: (mg) => resolveBurnUid(o.burnUid, mg) }),
    candidates: (c) => c.metagraph.hotkeys.map((hotkey, uid) => ({ uid, hotkey })),
    async forward(step) {
      const mg = step.metagraph;
      const block = await chain.block();
      const { state: next, report } = await engine.step(slot.value, {
        hotkeys: mg.hotkeys,
        currentBlock: block,
        budgetMs,
      });
      // One reputation step per epoch (spec §5.5), whatever the step rate.
      await slot.set(reputationsForEpoch(next, Math.floor(block / (mg.tempo + 1))));
      figures.set('sn21_models', Object.keys(slot.value.models).length);
      figures.set('sn21_baseline', slot.value.baseline?.score ?? null);
      figures.set('sn21_pending', report.pending);
      figures.set('sn21_round_seed_block', report.round?.seedBlock ?? engine.roundSeedBlock ?? null);
      if (report.evaluated.length > 0) figures.add('sn21_evaluations', report.evaluated.length);
      return report;
    },
    score: (_report, step) => sn21Rewards(slot.value, step.metagraph.hotkeys),
    async close() {
      await text.release();
    },
  };
}
