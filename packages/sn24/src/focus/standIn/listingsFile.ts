import { readFile } from 'node:fs/promises';
import { isValidAddress, taoToRao } from '@taonode/chain';
import { z } from 'zod';
import { FocusError } from '../focusError.js';
import { videoIdSchema } from '../wire.js';
import type { StandInListing } from './standInBook.js';

const listingSchema = z.object({
  video_id: videoIdSchema,
  /** The recorder's coldkey, paid on purchase. */
  address: z.string().refine(isValidAddress, { error: 'not an SS58 address' }),
  /** TAO, as a decimal string ("0.25") or a number. */
  price_tao: z.union([z.string().regex(/^\d+(\.\d{1,9})?$/), z.number().positive()]),
  score: z.number().min(0).max(1).default(1),
});
const listingsSchema = z.array(listingSchema);

/**
 * What the stand-in sells, from a JSON file:
 * `[{"video_id": "task-42", "address": "5F…", "price_tao": "0.25", "score": 0.8}]`.
 */
export async function readListingsFile(file: string): Promise<StandInListing[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new FocusError('ListingsUnreadable', `cannot read the listings file ${file}`, {
      hint: 'give a JSON array of {"video_id","address","price_tao","score"}',
      details: { file },
      cause: err,
    });
  }
  const parsed = listingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FocusError('ListingsInvalid', `${file}: entry ${issue.path.join('.')}: ${issue.message}`, {
      hint: 'each entry needs video_id, an SS58 address, price_tao above 0 and an optional score in [0, 1]',
      details: { file },
    });
  }
  return parsed.data.map((l) => ({
    videoId: l.video_id,
    address: l.address,
    priceRao: taoToRao(l.price_tao),
    score: l.score,
  }));
}
