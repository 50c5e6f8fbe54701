import { runLoop } from '../lifecycle/runLoop.js';
import type { StateStore } from '../state/stateStore.js';
import { ValidatorLoop, type ValidatorLoopDeps } from './validatorLoop.js';

export interface RunningValidator<D> {
  loop: ValidatorLoop<D>;
  /** Resolves when the loop has stopped (after the step in flight, if it finished). */
  done: Promise<void>;
  /** Feed each new block: while a long step runs, weights are still checked every few blocks. */
  onBlock(block: number): void;
}

/** Blocks between weight checks while a step is running (a step that ends checks anyway). */
const WEIGHTS_CHECK_EVERY_BLOCKS = 10;

/** Resumes saved scores, then steps until the signal aborts; a failed step is logged, not fatal. */
export async function startValidator<D>(
  args: ValidatorLoopDeps<D> & { store?: StateStore<unknown> },
): Promise<RunningValidator<D>> {
  const loop = new ValidatorLoop<D>(args);
  await loop.resume();
  let lastCheck = 0;
  const done = runLoop({
    name: 'validator step',
    step: () => loop.step(),
    intervalMs: () => args.config.neuron.stepIntervalSeconds * 1000,
    signal: args.signal,
    logger: args.logger,
    // Short cap: after a chain outage the validator should be back within seconds, not half a minute.
    maxBackoffMs: 10_000,
  });
  return {
    loop,
    done,
    onBlock(block) {
      if (loop.runningSince === 0 || block - lastCheck < WEIGHTS_CHECK_EVERY_BLOCKS) return;
      lastCheck = block;
      void loop.weightsBetweenSteps();
    },
  };
}
