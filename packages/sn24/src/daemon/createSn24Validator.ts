import type { PluginContext, ValidatorHooks } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { storeAcceptedVideos } from '../dataset.js';
import { openFocusScoring } from '../focus/openFocusScoring.js';
import { openDaemonMedia } from './openDaemonMedia.js';
import { openValidatorModels } from './openModels.js';
import { openValidatorStore } from './openValidatorStore.js';
import { Sn24ScoreState } from './sn24ScoreState.js';
import { readSecrets, sn24Settings } from './sn24Settings.js';
import { sn24WeightsCadence } from './sn24WeightsCadence.js';
import { loadTopics, pickTopic } from './topics.js';
import { askMiners, queryableMiners, type Sn24Round, scoreRound } from './videoRound.js';
import { videoScoringDeps } from './videoScoringDeps.js';

/**
 * The SN24 validator on the neuron runtime (spec §5.1–5.7, YouTube task): each step picks one
 * topic, asks the sampled miners for clips, scores every answer with the real models (spot check
 * against the video source), files accepted clips into the dataset sink and the novelty index,
 * and keeps the spec's moving average in its own state file; the runtime's book follows
 * max(0, score) and turns it into weights.
 */
export async function createSn24Validator({
  config,
  logger,
}: PluginContext): Promise<ValidatorHooks<Dendrite, Sn24Round>> {
  const s = sn24Settings(config);
  const topics = await loadTopics(s.topicsFile);
  const { ff, source } = await openDaemonMedia(s, 'validator', logger);
  const models = await openValidatorModels(s, ff, logger);
  const cleanup: (() => Promise<void>)[] = [() => models.close()];
  try {
    const store = await openValidatorStore(s, readSecrets(process.env), config.neuron.stateDir, logger);
    cleanup.unshift(() => store.close());
    const loaded = await Sn24ScoreState.load(config.neuron.stateDir);
    if (loaded.problem)
      logger.warn({ problem: loaded.problem }, 'SN24 score file unreadable; starting fresh');
    const state = loaded.state;
    const focus = await openFocusScoring(config, logger);
    if (focus !== undefined) cleanup.unshift(() => focus.close());
    const deps = videoScoringDeps({
      models,
      index: store.index,
      source,
      workDir: s.workDir,
      noMatchNovelty: s.noMatchNovelty,
      unstuffer: s.unstuffer === 'on',
    });
    if (s.unstuffer === 'off') logger.warn('SN24 unstuffer off: every description counts as clean');
    const alpha = config.neuron.movingAverageAlpha;
    logger.info(
      {
        topics: topics.length,
        source: source.kind,
        noveltyIndex: store.indexKind,
        datasetDir: s.datasetDir,
        hfRepo: s.hfRepo ?? null,
        alpha,
        step: state.step,
      },
      'SN24 validator ready',
    );
    return {
      weightsCadence: sn24WeightsCadence(config.values['neuron.epoch_length'] as number),
      async forward(ctx) {
        const query = pickTopic(topics);
        const miners = queryableMiners(ctx.miners, ctx.metagraph, s.vpermitTaoLimit);
        const answers =
          miners.length === 0
            ? []
            : await askMiners(ctx.dendrite, miners, query, {
                numVideos: s.numVideos,
                timeoutS: s.timeoutS,
                concurrency: ctx.config.neuron.queryConcurrency,
                signal: ctx.signal,
              });
        return { query, answers };
      },
      async score(round, ctx) {
        state.sync(ctx.metagraph.hotkeys);
        const { updates } = await scoreRound(round, deps, {
          numVideos: s.numVideos,
          logger,
          store: (result, query) => storeAcceptedVideos(store, result.accepted, query),
        });
        const rewards = state.apply(updates, alpha, await focus?.target(ctx.metagraph.hotkeys));
        await state.save();
        return rewards;
      },
      async close() {
        for (const c of cleanup) await c().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of cleanup) await c().catch(() => undefined);
    throw err;
  }
}
