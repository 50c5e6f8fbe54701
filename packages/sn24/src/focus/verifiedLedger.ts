import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';
import type { VerifiedPurchase } from './focusScores.js';
import type { ClaimRejection } from './judgeClaim.js';

export const FOCUS_LEDGER_FILE = 'sn24-focus-ledger.json';

const verifiedSchema = z.object({
  transferId: z.string(),
  videoId: z.string(),
  hotkey: z.string(),
  amountRao: z.string().regex(/^\d+$/),
  blockNumber: z.number().int().min(0),
});
const fileSchema = z.object({
  version: z.literal(1),
  /** By claim key: the claims that passed, each with the transfer that paid for it. */
  verified: z.record(z.string(), verifiedSchema),
  /** By claim key: the claims that failed, so they are not checked (and logged) again. */
  rejected: z.record(z.string(), z.object({ reason: z.string(), at: z.iso.datetime() })),
});
type LedgerFile = z.infer<typeof fileSchema>;

export interface VerifiedRecord {
  transferId: string;
  videoId: string;
  hotkey: string;
  amountRao: bigint;
  blockNumber: number;
}

/**
 * The validator's embedded ledger of Focus claims it has decided: which transfer paid for which
 * claim (a transfer counts once, so a replayed block hash earns nothing) and which claims failed.
 * Written atomically after each change; entries leave once their payment is older than the window,
 * when the window check alone refuses any replay of them.
 */
export class VerifiedLedger {
  private readonly counted = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly data: LedgerFile,
  ) {
    for (const v of Object.values(data.verified)) this.counted.add(v.transferId);
  }

  /** Loads `<stateDir>/sn24-focus-ledger.json`; an unreadable one is moved aside and reported. */
  static async load(stateDir: string): Promise<{ ledger: VerifiedLedger; problem?: string }> {
    const file = join(stateDir, FOCUS_LEDGER_FILE);
    const fresh = (): LedgerFile => ({ version: 1, verified: {}, rejected: {} });
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { ledger: new VerifiedLedger(file, fresh()) };
    }
    try {
      return { ledger: new VerifiedLedger(file, fileSchema.parse(JSON.parse(text))) };
    } catch (err) {
      const aside = `${file}.unreadable-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      const problem = `${err instanceof Error ? err.message.slice(0, 200) : String(err)} (kept as ${aside})`;
      return { ledger: new VerifiedLedger(file, fresh()), problem };
    }
  }

  isDecided(claimKey: string): boolean {
    return claimKey in this.data.verified || claimKey in this.data.rejected;
  }

  isCounted(transferId: string): boolean {
    return this.counted.has(transferId);
  }

  recordVerified(claimKey: string, record: VerifiedRecord): void {
    this.data.verified[claimKey] = { ...record, amountRao: record.amountRao.toString() };
    this.counted.add(record.transferId);
    this.dirty = true;
  }

  recordRejected(claimKey: string, reason: ClaimRejection, at: Date): void {
    this.data.rejected[claimKey] = { reason, at: at.toISOString() };
    this.dirty = true;
  }

  purchases(): VerifiedPurchase[] {
    return Object.values(this.data.verified).map((v) => ({
      hotkey: v.hotkey,
      amountRao: BigInt(v.amountRao),
      blockNumber: v.blockNumber,
    }));
  }

  verified(): VerifiedRecord[] {
    return Object.values(this.data.verified).map((v) => ({ ...v, amountRao: BigInt(v.amountRao) }));
  }

  /**
   * Drops payments older than the window and rejections the marketplace no longer lists (it lists
   * recent purchases; an old rejected claim coming back is simply rejected again).
   */
  prune(head: number, windowBlocks: number, listed: ReadonlySet<string>): void {
    for (const [key, v] of Object.entries(this.data.verified)) {
      if (head - v.blockNumber > windowBlocks) {
        delete this.data.verified[key];
        this.counted.delete(v.transferId);
        this.dirty = true;
      }
    }
    for (const key of Object.keys(this.data.rejected)) {
      if (!listed.has(key)) {
        delete this.data.rejected[key];
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await writeFileAtomic(this.file, JSON.stringify(this.data));
    this.dirty = false;
  }
}
