import { randomBytes } from 'node:crypto';
import { FramesBuffer, fillGaussian } from '@taonode/diffusion';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { type FrameGenerator, type FramesResult, sha256Hex } from './frameGenerator.js';

/**
 * TEST ONLY — a cheating miner's generator: frames of the right shape filled with noise from a
 * random seed, no model run. Fast, so the cheater claims a high throughput; its hashes are honest
 * (it commits to the noise it serves), and the validator's replay is what catches it. The demo and
 * the tests run one beside an honest miner.
 */
export class RandomLatentsGenerator implements FrameGenerator {
  readonly name = 'random-latents (test cheat)';
  private inFlight = 0;

  constructor(private readonly identity: string) {}

  get load(): number {
    return this.inFlight;
  }

  async generate(inputs: GenerationInputs): Promise<FramesResult> {
    this.inFlight++;
    try {
      const started = performance.now();
      const frames = new FramesBuffer(inputs.num_inference_steps, inputs.height / 8, inputs.width / 8);
      fillGaussian(frames.data, randomBytes(4).readUInt32LE(0), 0);
      return { frames: frames.bytes, sha256: sha256Hex(frames.bytes), ms: performance.now() - started };
    } finally {
      this.inFlight--;
    }
  }

  async check(): Promise<boolean> {
    return true;
  }

  async model(): Promise<string> {
    return this.identity;
  }
}
