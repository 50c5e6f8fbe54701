import { readFile } from 'node:fs/promises';
import { TaonodeError } from '@taonode/kit';

/**
 * A short built-in topic list for validators without `--sn24.topics_file` (the reference reads a
 * shared sheet with a ~1,100-line fallback file; any list of everyday video subjects works).
 */
export const DEFAULT_TOPICS: readonly string[] = [
  'Cooking pasta from scratch',
  'Repairing a bicycle tire',
  'Wildlife in the Arctic',
  'Street food markets at night',
  'Learning to play the guitar',
  'Building a wooden bookshelf',
  'Ocean waves and surfing',
  'City traffic time lapse',
  'Gardening tips for small balconies',
  'Training a puppy',
  'Mountain hiking trails',
  'Playing chess openings',
  'Baking sourdough bread',
  'Electric car road trip',
  'Astronomy and the night sky',
  'Rock climbing techniques',
  'Home workout without equipment',
  'Painting with watercolors',
  'Traditional folk dance',
  'Rainforest birds',
  'Soldering electronics for beginners',
  'Skateboarding tricks',
  'Making coffee with a French press',
  'Snow storms and winter weather',
  'Public speaking advice',
  'Origami animals',
  'Fishing on a lake',
  'Volcano eruptions',
  'Knitting a scarf',
  'Advances in nanotechnology',
];

/** Topic file problems stop the validator at start with the file named. */
export class TopicsFileError extends TaonodeError {}

/** One topic per line; blank lines and `#` comments skipped, duplicates dropped. */
export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) seen.add(t);
  }
  return [...seen];
}

export async function loadTopics(file: string | undefined): Promise<readonly string[]> {
  if (file === undefined) return DEFAULT_TOPICS;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new TopicsFileError(`cannot read topics file ${file}: ${(err as Error).message}`);
  }
  const topics = parseTopics(text);
  if (topics.length === 0) throw new TopicsFileError(`topics file ${file} has no topics`);
  return topics;
}

/** Spec §5.1: one random topic per step, the same for every miner asked in it. */
export function pickTopic(topics: readonly string[], rng: () => number = Math.random): string {
  return topics[Math.min(topics.length - 1, Math.floor(rng() * topics.length))]!;
}
