import {
  type ControlImage,
  parseFrames,
  REPLAY_PASS_MARK,
  replaySteps,
  type SdxlPipeline,
} from '@taonode/diffusion';
import { type GenerationInputs, toDiffusionInputs } from '../inputs/generationInputs.js';
import { cryptoRandom, type RandomSource, sampleWithoutReplacement } from './csprng.js';

export interface AuditVerdict {
  passed: boolean;
  /** min over the replayed steps of modelCosine (0 when the frames could not be read). */
  minModelCosine: number;
  steps: number[];
  /** Why it failed before any replay (unreadable file, wrong shape). */
  reason?: string;
}

/** Judges one downloaded result against the inputs it was asked for. */
export interface OutputScorer {
  /** Rejects only for the validator's own failures (the sample is then left unjudged). */
  score(inputs: GenerationInputs, frames: Uint8Array): Promise<AuditVerdict>;
}

export interface ReplayScorerOptions {
  pipeline: SdxlPipeline;
  /** For a model with a ControlNet: the control image per size (taoControlImage). */
  controlImage?: (width: number, height: number) => Promise<ControlImage>;
  /** Steps replayed per result (default 3, as the reference). */
  steps?: number;
  /** Every replayed step's modelCosine must reach this (default REPLAY_PASS_MARK). */
  passMark?: number;
  rng?: RandomSource;
}

/**
 * The engine's exact replay as an audit: the frames must be a readable [N,1,4,H/8,W/8] file for these
 * inputs, then `steps` distinct solver steps chosen with the CSPRNG out of 0…N−1 are replayed. Step 0
 * is not forced in: it is a candidate like any other. Every step that draws noise already binds the
 * seed (a wrong seed fails it), so what only step 0 could add — initial latents not from the seed
 * while every later step is honest — saves a miner no work, and forcing it would cut the random
 * steps that catch skipped work from 3 to 2. Replays run one at a time (the UNet holds the thread).
 */
export class ReplayScorer implements OutputScorer {
  private readonly stepsPerResult: number;
  private readonly passMark: number;
  private readonly rng: RandomSource;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReplayScorerOptions) {
    this.stepsPerResult = options.steps ?? 3;
    this.passMark = options.passMark ?? REPLAY_PASS_MARK;
    this.rng = options.rng ?? cryptoRandom;
  }

  async score(inputs: GenerationInputs, bytes: Uint8Array): Promise<AuditVerdict> {
    let frames: ReturnType<typeof parseFrames>;
    try {
      frames = parseFrames(bytes);
    } catch (err) {
      return { passed: false, minModelCosine: 0, steps: [], reason: (err as Error).message };
    }
    const n = inputs.num_inference_steps;
    const h = inputs.height / 8;
    const w = inputs.width / 8;
    if (frames.steps !== n || frames.latentHeight !== h || frames.latentWidth !== w) {
      return {
        passed: false,
        minModelCosine: 0,
        steps: [],
        reason: `frames shape [${frames.steps},1,4,${frames.latentHeight},${frames.latentWidth}], expected [${n},1,4,${h},${w}]`,
      };
    }
    const all = Array.from({ length: n }, (_, i) => i);
    const steps = sampleWithoutReplacement(all, Math.min(this.stepsPerResult, n), this.rng).sort(
      (a, b) => a - b,
    );
    const run = async (): Promise<AuditVerdict> => {
      const diffusion = toDiffusionInputs(inputs);
      const controlImage =
        this.options.pipeline.hasControlNet && this.options.controlImage
          ? await this.options.controlImage(diffusion.width, diffusion.height)
          : undefined;
      const r = await replaySteps(this.options.pipeline, diffusion, frames.data, steps, {
        ...(controlImage ? { controlImage } : {}),
      });
      const min = Number.isFinite(r.minModelCosine) ? r.minModelCosine : 0;
      return { passed: min >= this.passMark, minModelCosine: min, steps };
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
