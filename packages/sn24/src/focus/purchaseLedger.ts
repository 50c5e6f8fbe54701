import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';
import { FocusError } from './focusError.js';
import { blockHashSchema } from './wire.js';

/**
 * Where a purchase stands. Each step is written to disk before the next one starts, so a crash
 * anywhere resumes without paying twice:
 * - `announced`: the marketplace quoted address and price; nothing sent yet.
 * - `sending`: a transfer with `nonce` may be on its way (written before it is signed).
 * - `paid`: the transfer is in block `blockHash`; the hand-back is still due.
 * - `handed-back`: the marketplace has the block hash; nothing left to do.
 */
export const PURCHASE_STATES = ['announced', 'sending', 'paid', 'handed-back'] as const;
export type PurchaseState = (typeof PURCHASE_STATES)[number];

const entrySchema = z.object({
  videoId: z.string().min(1),
  marketplace: z.string().min(1),
  hotkey: z.string().min(1),
  coldkey: z.string().min(1),
  address: z.string().min(1),
  amountRao: z.string().regex(/^\d+$/),
  state: z.enum(PURCHASE_STATES),
  announcedAt: z.iso.datetime(),
  nonce: z.number().int().min(0).optional(),
  fromBlock: z.number().int().min(0).optional(),
  blockHash: blockHashSchema.optional(),
  paidAt: z.iso.datetime().optional(),
  handedBackAt: z.iso.datetime().optional(),
  /** The marketplace's last word on the hand-back. */
  message: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), purchases: z.array(entrySchema) });

export type PurchaseEntry = Omit<z.infer<typeof entrySchema>, 'amountRao'> & { amountRao: bigint };

/** `~/.taonode/focus/<wallet>/<hotkey>/purchases.json`: one ledger per miner hotkey. */
export function defaultLedgerFile(home: string, wallet: string, hotkey: string): string {
  return join(home, '.taonode', 'focus', wallet, hotkey, 'purchases.json');
}

/**
 * The miner's local record of Focus purchases, one entry per (marketplace, video), rewritten
 * atomically on every change. An unreadable file stops the command instead of starting over: a
 * fresh ledger would forget payments in flight.
 */
export class PurchaseLedger {
  private constructor(
    readonly file: string,
    private readonly entries: PurchaseEntry[],
  ) {}

  static async open(file: string): Promise<PurchaseLedger> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new PurchaseLedger(file, []);
      throw ledgerError(file, err);
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (err) {
      throw ledgerError(file, err);
    }
    return new PurchaseLedger(
      file,
      parsed.purchases.map((p) => ({ ...p, amountRao: BigInt(p.amountRao) })),
    );
  }

  get(marketplace: string, videoId: string): PurchaseEntry | undefined {
    const e = this.entries.find((p) => p.marketplace === marketplace && p.videoId === videoId);
    return e === undefined ? undefined : { ...e };
  }

  list(): PurchaseEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Adds or replaces the entry and writes the whole ledger before returning. */
  async put(entry: PurchaseEntry): Promise<PurchaseEntry> {
    const i = this.entries.findIndex(
      (p) => p.marketplace === entry.marketplace && p.videoId === entry.videoId,
    );
    if (i < 0) this.entries.push({ ...entry });
    else this.entries[i] = { ...entry };
    const json = {
      version: 1,
      purchases: this.entries.map((e) => ({ ...e, amountRao: e.amountRao.toString() })),
    };
    await writeFileAtomic(this.file, `${JSON.stringify(json, null, 2)}\n`);
    return { ...entry };
  }
}

function ledgerError(file: string, cause: unknown): FocusError {
  return new FocusError('LedgerUnreadable', `the purchase ledger ${file} cannot be read`, {
    hint: 'fix or restore the file (it records payments in flight); pass --ledger to use another one',
    details: { file },
    cause,
  });
}
