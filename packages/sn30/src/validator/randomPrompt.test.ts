import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seededRandom.js';
import { pickWeighted, sampleWithoutReplacement, weightedSampleWithoutReplacement } from './csprng.js';
import { PROMPT_WORD_COUNT, randomPrompt } from './randomPrompt.js';
import { stressInputs, validatorInputs } from './stressInputs.js';

describe('random prompts and inputs', () => {
  it('draws up to 8 distinct words plus "tao", comma-joined (no NLTK download)', () => {
    expect(PROMPT_WORD_COUNT).toBeGreaterThan(400);
    const rng = seededRandom(1);
    const lengths = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const words = randomPrompt(rng).split(', ');
      expect(words).toContain('tao');
      expect(new Set(words).size).toBe(words.length);
      expect(words.length).toBeLessThanOrEqual(9);
      lengths.add(words.length);
    }
    // min(byte mod 32, 8): mostly 9 words, sometimes fewer, "tao" alone possible.
    expect(lengths.has(9)).toBe(true);
    expect(Math.min(...lengths)).toBeLessThan(9);
  });

  it('stress inputs are sanitised, with the fixed negative prompt and a fresh u32 seed', () => {
    const a = stressInputs({ width: 64, height: 64, steps: 8, minSize: 8 });
    const b = stressInputs({ width: 64, height: 64, steps: 8, minSize: 8 });
    expect(a).toMatchObject({
      width: 64,
      height: 64,
      num_inference_steps: 8,
      guidance_scale: 7,
      negative_prompt: 'blurry, nude, (out of focus), JPEG artifacts',
      controlnet_conditioning_scale: 0.5,
    });
    expect(a.seed).not.toBe(b.seed);
    expect(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= 0xffffffff).toBe(true);
  });

  it('a user request always gets the validator seed, and bad fields are named', () => {
    const rng = seededRandom(3);
    const inputs = validatorInputs({ prompt: 'a cat', seed: 42 }, { rng });
    expect(inputs.seed).not.toBe(42);
    expect(inputs).toMatchObject({ width: 1024, height: 1024, num_inference_steps: 30, guidance_scale: 7 });
    expect(() => validatorInputs({ prompt: 'x', width: 1001, num_inference_steps: 101 })).toThrow(
      /width: must be a multiple of 8; num_inference_steps/,
    );
    expect(() => validatorInputs({ prompt: 'x', width: 64 })).toThrow(/width: must be at least 512/);
  });

  it('samples without replacement, weighted by positive weights only', () => {
    const rng = seededRandom(5);
    expect(sampleWithoutReplacement([1, 2, 3], 5, rng).sort()).toEqual([1, 2, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[pickWeighted([1, 3, 0], rng)]!++;
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[0]!).toBeGreaterThan(2.4);
    expect(counts[1]! / counts[0]!).toBeLessThan(3.7);
    // All zero: uniform.
    const z = [0, 0, 0];
    for (let i = 0; i < 300; i++) z[pickWeighted([0, 0, 0], rng)]!++;
    expect(Math.min(...z)).toBeGreaterThan(50);
    expect(weightedSampleWithoutReplacement([5, 0, 5], 3, rng).slice(0, 2).sort()).toEqual([0, 2]);
  });
});
