import type { AxonGuards, MinerHooks, PluginContext } from '@taonode/neuron';
import type { Axon } from '@taonode/transport';
import { NUM_VIDEOS } from '../constants.js';
import { answerVideos } from '../miner/answerVideos.js';
import type { VideoMetadata } from '../protocol.js';
import { Videos } from '../protocol.js';
import { openDaemonMedia } from './openDaemonMedia.js';
import { openMinerImageBind } from './openModels.js';
import { RequestGate } from './requestGate.js';
import type { Sn24Options } from './sn24Options.js';
import { readSecrets, sn24Settings } from './sn24Settings.js';

/**
 * The SN24 miner on the neuron runtime: answers `Videos` with clips from the video source, each
 * with its three ImageBind embeddings. Callers pass the runtime's blacklist (registered, validator
 * permit, stake; `--neuron.disable_blacklist` lets everyone in) and priority (stake). One request is worked on
 * at a time; a failure answers an empty list (scored 0.005), never a crashed daemon.
 */
export async function createSn24Miner({
  config,
  options,
  logger,
  env,
  figures,
}: PluginContext<Sn24Options>): Promise<MinerHooks<Axon, AxonGuards>> {
  const s = sn24Settings(options, config.neuron.stateDir);
  const secrets = readSecrets(env);
  const { ff, source } = await openDaemonMedia(s, 'miner', logger, secrets);
  const imagebind = await openMinerImageBind(s, ff, logger, secrets);
  const gate = new RequestGate(s.maxQueuedRequests);

  async function answer(query: string, numVideos: number): Promise<VideoMetadata[]> {
    const started = performance.now();
    try {
      const clips = await answerVideos(query, numVideos, {
        source,
        embedder: imagebind,
        workDir: s.workDir,
        onSkip: (skipped) => logger.debug(skipped, 'SN24 video skipped'),
      });
      const seconds = (performance.now() - started) / 1000;
      logger.info({ query, clips: clips.length, asked: numVideos, seconds }, 'SN24 Videos answered');
      figures.add('clips_served', clips.length);
      return clips;
    } catch (err) {
      logger.warn({ query, err: err instanceof Error ? err.message : String(err) }, 'SN24 Videos failed');
      figures.add('answers_failed');
      return [];
    }
  }

  return {
    attach(axon, guards) {
      axon.attach(Videos, {
        ...guards,
        forward: async (synapse) => {
          // A validator asks for 8; anything else is clamped so a caller cannot order unbounded work.
          const n = Math.max(0, Math.min(NUM_VIDEOS, Math.trunc(synapse.num_videos)));
          synapse.video_metadata =
            n === 0 ? [] : await gate.run(() => answer(synapse.query, n), [] as VideoMetadata[]);
          return synapse;
        },
      });
    },
    close: () => imagebind.release(),
  };
}
