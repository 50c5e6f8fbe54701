import { seededWeights } from '@taonode/inference/testing';

/** Special tokens of the tiny tokenizer, ids 0…3. */
export const TINY_SPECIALS = ['<unk>', '<|eos|>', '<|user|>', '<|assistant|>'] as const;
export const TINY_EOS = 1;
export const TINY_PROMPT = '<|user|>{video} describe the video<|assistant|>';

/** Lower-case words only, so the tiny CLIP vocabulary of the ImageBind stand-in can spell them. */
export const TINY_WORDS = [
  'a',
  'the',
  'man',
  'woman',
  'child',
  'dog',
  'cat',
  'bird',
  'horse',
  'car',
  'boat',
  'train',
  'walks',
  'runs',
  'jumps',
  'sings',
  'talks',
  'cooks',
  'plays',
  'swims',
  'drives',
  'reads',
  'on',
  'in',
  'near',
  'under',
  'with',
  'beach',
  'street',
  'kitchen',
  'park',
  'river',
  'stage',
  'forest',
  'snow',
  'rain',
  'night',
  'morning',
  'guitar',
  'ball',
  'red',
  'blue',
  'green',
  'small',
  'big',
  'happy',
  'slowly',
  'quickly',
  'describe',
  'video',
] as const;

/** Id of a word in the tiny vocabulary (specials first). */
export function tinyTokenId(word: string): number {
  const i = (TINY_WORDS as readonly string[]).indexOf(word);
  if (i < 0) throw new Error(`"${word}" is not in the tiny vocabulary`);
  return TINY_SPECIALS.length + i;
}

export const TINY_VOCAB_SIZE = TINY_SPECIALS.length + TINY_WORDS.length;

/**
 * A tokenizer.json in the Hugging Face format: WordPiece over whole words (lower-cased, split on
 * whitespace), the chat markers and eos as special added tokens.
 */
export function tinyTokenizerJson(): string {
  const vocab: Record<string, number> = {};
  TINY_SPECIALS.forEach((t, i) => {
    vocab[t] = i;
  });
  TINY_WORDS.forEach((w) => {
    vocab[w] = tinyTokenId(w);
  });
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: TINY_SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      vocab,
      unk_token: '<unk>',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
    },
  });
}

/** A caption of 5…10 tiny-vocabulary words, chosen by `seed`. */
export function tinyCaption(seed: number): string {
  const r = seededWeights(11, seed, 1);
  const pick = (x: number, from: readonly string[]) =>
    from[Math.floor(((x + 1) / 2) * from.length) % from.length]!;
  const words = TINY_WORDS.slice(0, 48);
  const length = 5 + Math.floor(((r[0]! + 1) / 2) * 6);
  return Array.from({ length }, (_, i) => pick(r[i + 1]!, words)).join(' ');
}
