import { z } from 'zod';

/**
 * The OMEGA validator API's Focus wire format (spec §2.4b), shared by the HTTP client and the
 * stand-in, plus taonode's one extension (`GET /api/focus/purchases`). TAO amounts travel as JSON
 * numbers, as the API sends them; the purchase list also carries exact rao as a decimal string.
 */
export const FOCUS_PATHS = {
  list: '/api/focus/get_list',
  purchase: '/api/focus/purchase',
  verifyPurchase: '/api/focus/verify-purchase',
  purchases: '/api/focus/purchases',
} as const;

export const videoIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.:-]+$/, { error: 'a video id is letters, digits and . _ : -' });
export const blockHashSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: 'expected 0x + 64 hex digits' });
const taoAmount = z.number().finite().nonnegative();

export const listItemSchema = z.object({
  video_id: videoIdSchema,
  video_score: z.number().finite(),
  expected_reward_tao: taoAmount,
});
export const listResponseSchema = z.array(listItemSchema);

export const purchaseRequestSchema = z.object({ video_id: videoIdSchema });
export const purchaseResponseSchema = z.union([
  z.object({ status: z.literal('success'), address: z.string().min(1), amount: taoAmount }),
  z.object({ status: z.string(), message: z.string().optional() }),
]);

/** `miner_hotkey` is what OMEGA's own script sends; the API takes the hotkey from the credentials. */
export const verifyPurchaseRequestSchema = z.object({
  video_id: videoIdSchema,
  block_hash: blockHashSchema,
  miner_hotkey: z.string().optional(),
});
export const verifyPurchaseResponseSchema = z.object({
  status: z.string(),
  message: z.string().optional(),
});

export const purchaseRecordSchema = z.object({
  video_id: videoIdSchema,
  miner_hotkey: z.string().min(1),
  address: z.string().min(1),
  amount_rao: z.string().regex(/^\d{1,20}$/),
  block_hash: blockHashSchema,
  claimed_at: z.iso.datetime(),
});
export const purchasesResponseSchema = z.object({ purchases: z.array(z.unknown()) });

/** FastAPI's error body. */
export const errorBodySchema = z.object({ detail: z.unknown() });
