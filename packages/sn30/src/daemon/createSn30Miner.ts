import { SdxlPipeline } from '@taonode/diffusion';
import type { AxonGuards, MinerHooks, PluginContext } from '@taonode/neuron';
import type { Axon } from '@taonode/transport';
import { GeneratorClient } from '../generator/generatorClient.js';
import { GeneratorService } from '../generator/generatorService.js';
import { SN30_SIZE } from '../inputs/generationInputs.js';
import { type FrameGenerator, LocalGenerator, RemoteGenerator } from '../miner/frameGenerator.js';
import { GeneratorPool } from '../miner/generatorPool.js';
import { attachMiner, minerHandlers } from '../miner/minerHandlers.js';
import { RandomLatentsGenerator } from '../miner/randomLatentsGenerator.js';
import { ResultStore } from '../miner/resultStore.js';
import { manifestForDevice, modelIdentity, sn30ModelChoice } from '../model/sn30Model.js';
import { taoControlImage } from '../model/taoControlImage.js';
import { pinoLog } from './pinoLog.js';
import type { Sn30Options } from './sn30Options.js';

/** `--sn30.generators a,b` as URLs without a trailing slash (checked by the plug-in's checkConfig). */
export function generatorUrls(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter((u) => u !== '');
}

/**
 * The SN30 miner on the neuron runtime: the axon front (Generate, Download, Delete, Info) over a
 * pool of generators — the model in process on `--inference.device` by default, or the
 * `taonode sn30 generator`s listed in `--sn30.generators` — and the expiring result store. The
 * runtime's blacklist and stake priority guard every synapse but Info.
 */
export async function createSn30Miner({
  options,
  logger,
  figures,
}: PluginContext<Sn30Options>): Promise<MinerHooks<Axon, AxonGuards>> {
  const log = pinoLog(logger);
  const choice = await sn30ModelChoice(options.model);
  const minSize = choice.minSize ?? SN30_SIZE.min;
  const wanted = manifestForDevice(choice, options.inferenceDevice);
  const urls = generatorUrls(options.generators);
  let pipeline: SdxlPipeline | undefined;
  let model = modelIdentity(wanted);
  let generators: FrameGenerator[];
  if (options.testCheater > 0) {
    logger.warn('SN30 test cheater: every Generate is answered with random latents');
    generators = [new RandomLatentsGenerator(model)];
  } else if (urls.length > 0) {
    generators = urls.map((u) => new RemoteGenerator(new GeneratorClient(u)));
  } else {
    pipeline = await SdxlPipeline.load(wanted, {
      device: options.inferenceDevice,
      ...(options.inferenceThreads ? { threads: options.inferenceThreads } : {}),
      vae: false,
      onFallback: (device, reason) => logger.warn({ device, reason }, 'inference device skipped'),
    });
    model = modelIdentity(pipeline.manifest);
    const service = new GeneratorService({
      pipeline,
      concurrency: options.concurrency,
      queueLimit: options.queue,
      controlImage: taoControlImage,
    });
    generators = [new LocalGenerator(service, model)];
  }
  const pool = new GeneratorPool({ generators, log });
  if (urls.length > 0 && options.testCheater === 0) {
    // The generators' own model, as the pool agreed on it (one on another model is left out); a
    // generator down at start is fine, the pool probes it until it answers.
    const theirs = await pool.model().catch(() => undefined);
    if (theirs === undefined) logger.warn({ generators: urls }, 'no SN30 generator answered yet');
    else if (theirs !== model)
      logger.warn(
        { model: theirs, configured: model },
        'SN30 generators run another model than --sn30.model',
      );
    model = theirs ?? model;
  }
  const store = new ResultStore({ maxBytes: options.storeMb * 1024 * 1024 });
  const handlers = minerHandlers({
    pool,
    store,
    model,
    minSize,
    log,
    onGenerated: () => figures.add('generations_served'),
  });
  logger.info(
    { model, generators: pool.status().map((g) => g.name), storeMb: options.storeMb, minSize },
    'SN30 miner ready',
  );
  pool.start();
  return {
    attach(axon, guards) {
      attachMiner(axon, handlers, guards);
    },
    async close() {
      pool.stop();
      await pipeline?.release();
    },
  };
}
