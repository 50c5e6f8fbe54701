import type { Ffmpeg, OnnxImageBind } from '@taonode/media';
import type { Logger } from '@taonode/neuron';
import {
  type LoadedSn24Models,
  loadImageBind,
  loadSn24Models,
  type Sn24ModelDeps,
} from '../models/loadSn24Models.js';
import type { Sn24ModelOptions } from '../models/modelOptions.js';
import { inferenceOf, minerModelOptions, validatorModelOptions } from './daemonModelOptions.js';
import type { Sn24Secrets, Sn24Settings } from './sn24Settings.js';

function modelDeps(ff: Ffmpeg, logger: Logger, { hfToken }: Sn24Secrets): Sn24ModelDeps {
  return {
    ff,
    fetch: hfToken ? { accessToken: hfToken } : {},
    onFallback: (device, reason) =>
      logger.warn({ device, reason }, 'inference provider unavailable; trying the next'),
  };
}

/** Tiny random-weight models (tests and demo): loaded lazily so a real daemon never imports them. */
async function testModelOptions(s: Sn24Settings, logger: Logger): Promise<Sn24ModelOptions> {
  logger.warn('SN24 runs on tiny random-weight TEST models (--sn24.test_models): scores are meaningless');
  const { tinySn24ModelOptions } = await import('../testing/tinySn24Models.js');
  return { ...(await tinySn24ModelOptions()), inference: inferenceOf(s) };
}

export async function openValidatorModels(
  s: Sn24Settings,
  ff: Ffmpeg,
  logger: Logger,
  secrets: Sn24Secrets,
): Promise<LoadedSn24Models> {
  const options = s.testModels ? await testModelOptions(s, logger) : await validatorModelOptions(s);
  const started = performance.now();
  const models = await loadSn24Models(options, modelDeps(ff, logger, secrets));
  logger.info({ seconds: (performance.now() - started) / 1000 }, 'SN24 models loaded');
  return models;
}

export async function openMinerImageBind(
  s: Sn24Settings,
  ff: Ffmpeg,
  logger: Logger,
  secrets: Sn24Secrets,
): Promise<OnnxImageBind> {
  const options = s.testModels ? (await testModelOptions(s, logger)).imagebind : await minerModelOptions(s);
  const started = performance.now();
  const imagebind = await loadImageBind(options, inferenceOf(s), modelDeps(ff, logger, secrets));
  logger.info({ seconds: (performance.now() - started) / 1000 }, 'SN24 ImageBind loaded');
  return imagebind;
}
