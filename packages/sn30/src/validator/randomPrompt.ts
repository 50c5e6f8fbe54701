import { cryptoRandom, type RandomSource, sampleWithoutReplacement } from './csprng.js';
import { ADJECTIVES, NOUNS } from './promptWords.js';

const WORDS: readonly string[] = [...new Set([...ADJECTIVES, ...NOUNS])];

/**
 * A stress-test prompt as the reference builds it (spec §4.2): k = min(random byte mod 32, 8) words
 * drawn without replacement from the adjective/noun list, plus "tao", shuffled, joined with ", ".
 */
export function randomPrompt(rng: RandomSource = cryptoRandom): string {
  const k = Math.min(rng.int(256) % 32, 8);
  const words = [...sampleWithoutReplacement(WORDS, k, rng), 'tao'];
  return sampleWithoutReplacement(words, words.length, rng).join(', ');
}

export const STRESS_NEGATIVE_PROMPT = 'blurry, nude, (out of focus), JPEG artifacts';
export const STRESS_CONTROLNET_SCALE = 0.5;

export const PROMPT_WORD_COUNT = WORDS.length;
