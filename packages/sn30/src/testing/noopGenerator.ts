import { FramesBuffer } from '@taonode/diffusion';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { type FrameGenerator, type FramesResult, sha256Hex } from '../miner/frameGenerator.js';

/**
 * BENCH/TEST ONLY — answers at once with one shared frames file per shape (zeros, hash computed once):
 * what the miner front and the validator cost without any model time.
 */
export class NoopGenerator implements FrameGenerator {
  readonly name = 'noop';
  readonly load = 0;
  private readonly cache = new Map<string, { frames: Uint8Array; sha256: string }>();

  constructor(private readonly identity = 'noop') {}

  async generate(inputs: GenerationInputs): Promise<FramesResult> {
    const key = `${inputs.num_inference_steps}x${inputs.height}x${inputs.width}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      const frames = new FramesBuffer(inputs.num_inference_steps, inputs.height / 8, inputs.width / 8).bytes;
      hit = { frames, sha256: sha256Hex(frames) };
      this.cache.set(key, hit);
    }
    return { ...hit, ms: 0 };
  }

  async check(): Promise<boolean> {
    return true;
  }

  async model(): Promise<string> {
    return this.identity;
  }
}
