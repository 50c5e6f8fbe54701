import { z } from 'zod';
import type { FocusClaim } from '../marketplace.js';

/** A video the stand-in sells: the recorder's coldkey gets `priceRao`. */
export interface StandInListing {
  videoId: string;
  score: number;
  priceRao: bigint;
  address: string;
}

interface Sale {
  videoId: string;
  hotkey: string;
  lockedUntil: number;
  blockHash?: string;
  claimedAt?: number;
}

export type BookAnswer<T> = { ok: true; value: T } | { ok: false; notFound: boolean; message: string };

const snapshotSchema = z.object({
  version: z.literal(1),
  listings: z.array(
    z.object({
      videoId: z.string(),
      score: z.number(),
      priceRao: z.string().regex(/^\d+$/),
      address: z.string(),
    }),
  ),
  sales: z.array(
    z.object({
      videoId: z.string(),
      hotkey: z.string(),
      lockedUntil: z.number(),
      blockHash: z.string().optional(),
      claimedAt: z.number().optional(),
    }),
  ),
});
export type StandInSnapshot = z.infer<typeof snapshotSchema>;

/**
 * The stand-in marketplace's books, without HTTP: what is for sale, who locked what, and which
 * block hashes miners handed back. It checks nothing on chain on purpose (validators do), so a
 * claim is only "this hotkey says it paid in this block".
 *
 * Rules follow OMEGA's API (spec §1.4, §3.3): a purchase locks the video for one hotkey for
 * `lockMs` (20 min, the API's 10 × 120 s revert job); after that anyone may buy it again; a
 * handed-back video is sold for good.
 */
export class StandInBook {
  private readonly listings = new Map<string, StandInListing>();
  private readonly sales = new Map<string, Sale>();

  constructor(
    private readonly options: { lockMs: number; now: () => number },
    snapshot?: unknown,
  ) {
    if (snapshot === undefined) return;
    const s = snapshotSchema.parse(snapshot);
    for (const l of s.listings) this.listings.set(l.videoId, { ...l, priceRao: BigInt(l.priceRao) });
    for (const sale of s.sales) this.sales.set(sale.videoId, sale);
  }

  add(listing: StandInListing): void {
    this.listings.set(listing.videoId, listing);
  }

  /** On sale now: neither handed back nor locked by a purchase in progress. */
  available(): StandInListing[] {
    return [...this.listings.values()].filter((l) => {
      const sale = this.sales.get(l.videoId);
      return sale === undefined || (sale.blockHash === undefined && sale.lockedUntil <= this.options.now());
    });
  }

  /** Locks the video for `hotkey`; the same hotkey asking again gets the same quote. */
  purchase(videoId: string, hotkey: string): BookAnswer<StandInListing> {
    const listing = this.listings.get(videoId);
    if (listing === undefined)
      return { ok: false, notFound: true, message: `Focus video ${videoId} not found` };
    const sale = this.sales.get(videoId);
    if (sale?.blockHash !== undefined) {
      return { ok: false, notFound: false, message: `video ${videoId} has already been purchased` };
    }
    const now = this.options.now();
    if (sale !== undefined && sale.hotkey !== hotkey && sale.lockedUntil > now) {
      return { ok: false, notFound: false, message: `video ${videoId} is being purchased by another miner` };
    }
    if (sale?.hotkey !== hotkey || sale.lockedUntil <= now) {
      this.sales.set(videoId, { videoId, hotkey, lockedUntil: now + this.options.lockMs });
    }
    return { ok: true, value: listing };
  }

  /** Records the block hash of `hotkey`'s payment; repeating the same hand-back is harmless. */
  claim(videoId: string, hotkey: string, blockHash: string): BookAnswer<string> {
    const sale = this.sales.get(videoId);
    if (sale === undefined || sale.hotkey !== hotkey) {
      return { ok: false, notFound: false, message: `no purchase of ${videoId} by ${hotkey}` };
    }
    const hash = blockHash.toLowerCase();
    if (sale.blockHash !== undefined) {
      return sale.blockHash === hash
        ? { ok: true, value: 'purchase already recorded' }
        : { ok: false, notFound: false, message: `video ${videoId} was already claimed with another block` };
    }
    sale.blockHash = hash;
    sale.claimedAt = this.options.now();
    return { ok: true, value: 'purchase recorded; validators verify the payment on chain' };
  }

  claims(): FocusClaim[] {
    const out: FocusClaim[] = [];
    for (const sale of this.sales.values()) {
      const listing = this.listings.get(sale.videoId);
      if (sale.blockHash === undefined || sale.claimedAt === undefined || listing === undefined) continue;
      out.push({
        videoId: sale.videoId,
        minerHotkey: sale.hotkey,
        address: listing.address,
        amountRao: listing.priceRao,
        blockHash: sale.blockHash,
        claimedAt: sale.claimedAt,
      });
    }
    return out.sort((a, b) => a.claimedAt - b.claimedAt || a.videoId.localeCompare(b.videoId));
  }

  snapshot(): StandInSnapshot {
    return {
      version: 1,
      listings: [...this.listings.values()].map((l) => ({ ...l, priceRao: l.priceRao.toString() })),
      sales: [...this.sales.values()].map((s) => ({ ...s })),
    };
  }
}
