import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import { runLoop } from '../lifecycle/runLoop.js';
import type { ValidatorHooks } from '../subnet/validatorPlugin.js';
import { ValidatorLoop } from './validatorLoop.js';

export interface RunningValidator<D, Round> {
  loop: ValidatorLoop<D, Round>;
  done: Promise<void>;
}

/** Resumes saved scores, then steps until the signal aborts; a failed step is logged, not fatal. */
export async function startValidator<D, Round>(args: {
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
}): Promise<RunningValidator<D, Round>> {
  const loop = new ValidatorLoop<D, Round>(args);
  await loop.resume();
  const done = runLoop({
    name: 'validator step',
    step: () => loop.step(),
    intervalMs: () => args.config.neuron.stepIntervalSeconds * 1000,
    signal: args.signal,
    logger: args.logger,
    // Short cap: after a chain outage the validator should be back within seconds, not half a minute.
    maxBackoffMs: 10_000,
  });
  return { loop, done };
}
