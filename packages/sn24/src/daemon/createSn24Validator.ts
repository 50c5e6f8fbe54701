import type { PerUidScores, PluginContext, Reward, ValidatorHooks } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import { storeAcceptedVideos } from '../dataset.js';
import { type FocusTarget, openFocusScoring } from '../focus/openFocusScoring.js';
import { openDaemonMedia } from './openDaemonMedia.js';
import { openValidatorModels } from './openModels.js';
import { openValidatorStore } from './openValidatorStore.js';
import type { Sn24Options } from './sn24Options.js';
import { sn24Scoring } from './sn24Scoring.js';
import { readSecrets, sn24Settings } from './sn24Settings.js';
import { sn24WeightsCadence } from './sn24WeightsCadence.js';
import { loadTopics, pickTopic } from './topics.js';
import { askMiners, queryableMiners, rewardComponents, type Sn24Round, scoreRound } from './videoRound.js';
import { videoScoringDeps } from './videoScoringDeps.js';

/**
 * The SN24 validator on the neuron runtime (spec §5.1–5.7, YouTube task): each step picks one
 * topic, asks the sampled miners for clips, scores every answer with the real models (spot check
 * against the video source), files accepted clips into the dataset sink and the novelty index,
 * and reports each miner's reward with its parts; `sn24Scoring` keeps the spec's signed moving
 * average and the runtime turns it into weights.
 */
export async function createSn24Validator({
  config,
  options,
  logger,
  env,
}: PluginContext<Sn24Options>): Promise<ValidatorHooks<Dendrite, Sn24Round, Reward, PerUidScores>> {
  const s = sn24Settings(options, config.neuron.stateDir);
  const secrets = readSecrets(env);
  const topics = await loadTopics(s.topicsFile);
  const { ff, source } = await openDaemonMedia(s, 'validator', logger, secrets);
  const models = await openValidatorModels(s, ff, logger, secrets);
  const cleanup: (() => Promise<void>)[] = [() => models.close()];
  try {
    const store = await openValidatorStore(s, secrets, config.neuron.stateDir, logger);
    cleanup.unshift(() => store.close());
    const focus = await openFocusScoring(options, config, logger);
    if (focus !== undefined) cleanup.unshift(() => focus.close());
    // The Focus part of the weights (spec 5.7), refreshed each step: purchases verified on chain.
    let focusTarget: FocusTarget | undefined;
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
      },
      'SN24 validator ready',
    );
    return {
      scoring: sn24Scoring(alpha, () => focusTarget),
      weightsCadence: sn24WeightsCadence(s.epochLength),
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
        const { scored } = await scoreRound(round, deps, {
          numVideos: s.numVideos,
          logger,
          store: (result, query) => storeAcceptedVideos(store, result.accepted, query),
        });
        focusTarget = await focus?.target(ctx.metagraph.hotkeys);
        const clips = new Map(round.answers.map((a) => [a.uid, a.metadata?.length ?? 0]));
        return scored.map(({ uid, result }) => ({
          uid,
          reward: result.reward,
          components: rewardComponents(result, clips.get(uid) ?? 0),
        }));
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
