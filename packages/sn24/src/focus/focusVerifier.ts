import {
  type BlockTransfers,
  type ChainClient,
  ChainError,
  getBlockTransfers,
  getCurrentBlock,
  getHotkeyOwner,
} from '@taonode/chain';
import type { Logger } from '@taonode/neuron';
import { ss58Decode, ss58Encode } from '@taonode/wallet';
import { focusScores } from './focusScores.js';
import { claimKey, judgeClaim } from './judgeClaim.js';
import type { FocusClaim, FocusMarketplace } from './marketplace.js';
import type { VerifiedLedger } from './verifiedLedger.js';

export interface FocusVerifierDeps {
  marketplace: Pick<FocusMarketplace, 'url' | 'purchaseClaims'>;
  client: ChainClient;
  ledger: VerifiedLedger;
  logger: Logger;
  /** Spec §5.7: payments count for 24 h = 7,200 blocks. */
  windowBlocks: number;
  /**
   * New blocks a claimed block may stay unknown before the claim is rejected: our node may not
   * have the miner's block yet. Default 3.
   */
  missingBlockGrace?: number;
  now?: () => Date;
}

export interface FocusRefresh {
  head: number;
  claims: number;
  verified: number;
  rejected: number;
}

/**
 * The validator's side of Focus: reads the claimed purchases from the marketplace, checks each new
 * one against the chain (`judgeClaim`), records the verdict in the ledger, and turns the verified
 * purchases into Focus scores. Each claim is read from the chain once; the ledger remembers it.
 */
export class FocusVerifier {
  private readonly missingSince = new Map<string, number>();
  private lastMalformed = 0;

  constructor(private readonly deps: FocusVerifierDeps) {}

  async refresh(): Promise<FocusRefresh> {
    const { client, ledger, logger, marketplace } = this.deps;
    const head = await getCurrentBlock(client);
    const { claims, malformed } = await marketplace.purchaseClaims();
    if (malformed.length !== this.lastMalformed && malformed.length > 0) {
      logger.warn(
        { marketplace: marketplace.url, count: malformed.length, first: malformed.slice(0, 3) },
        'SN24 Focus: the marketplace lists purchases that do not parse; they earn nothing',
      );
    }
    this.lastMalformed = malformed.length;
    const listed = new Set(claims.map(claimKey));
    const result: FocusRefresh = { head, claims: claims.length, verified: 0, rejected: 0 };
    const owners = new Map<string, string | undefined>();
    try {
      for (const claim of [...claims].sort((a, b) => a.claimedAt - b.claimedAt)) {
        const key = claimKey(claim);
        if (ledger.isDecided(key)) continue;
        const block = await this.readBlock(claim, key, head);
        if (block === 'wait') continue;
        if (block === undefined) {
          this.reject(claim, key, 'block-not-found', `block ${claim.blockHash} is not on the chain`);
          result.rejected++;
          continue;
        }
        if (!owners.has(claim.minerHotkey))
          owners.set(claim.minerHotkey, await this.ownerOf(claim.minerHotkey));
        const verdict = judgeClaim({
          claim: { ...claim, address: canonicalAddress(claim.address) },
          block,
          minerColdkey: owners.get(claim.minerHotkey),
          head,
          windowBlocks: this.deps.windowBlocks,
          isCounted: (id) => ledger.isCounted(id),
        });
        if (!verdict.ok) {
          this.reject(claim, key, verdict.reason, verdict.detail);
          result.rejected++;
          continue;
        }
        ledger.recordVerified(key, {
          transferId: verdict.transfer.id,
          videoId: claim.videoId,
          hotkey: claim.minerHotkey,
          amountRao: claim.amountRao,
          blockNumber: block.number,
        });
        result.verified++;
        logger.info(
          {
            videoId: claim.videoId,
            hotkey: claim.minerHotkey,
            blockHash: claim.blockHash,
            blockNumber: block.number,
            transferId: verdict.transfer.id,
            amountRao: claim.amountRao.toString(),
          },
          'SN24 Focus purchase verified',
        );
      }
    } finally {
      // Whatever was decided before a chain hiccup stays decided.
      ledger.prune(head, this.deps.windowBlocks, listed);
      await ledger.save();
    }
    for (const key of this.missingSince.keys()) if (!listed.has(key)) this.missingSince.delete(key);
    return result;
  }

  /** Focus score per uid of `hotkeys` from the verified purchases in the window at `head`. */
  scores(hotkeys: readonly string[], head: number): number[] {
    return focusScores(this.deps.ledger.purchases(), hotkeys, { head, windowBlocks: this.deps.windowBlocks });
  }

  private async readBlock(
    claim: FocusClaim,
    key: string,
    head: number,
  ): Promise<BlockTransfers | 'wait' | undefined> {
    try {
      const block = await getBlockTransfers(this.deps.client, { blockHash: claim.blockHash });
      this.missingSince.delete(key);
      return block;
    } catch (err) {
      if (!(err instanceof ChainError && err.name === 'BlockNotFound')) throw err;
      const first = this.missingSince.get(key) ?? head;
      this.missingSince.set(key, first);
      return head - first >= (this.deps.missingBlockGrace ?? 3) ? undefined : 'wait';
    }
  }

  private async ownerOf(hotkey: string): Promise<string | undefined> {
    try {
      return await getHotkeyOwner(this.deps.client, { hotkey });
    } catch (err) {
      if (err instanceof ChainError && err.name === 'ChainInputError') return undefined;
      throw err;
    }
  }

  private reject(
    claim: FocusClaim,
    key: string,
    reason: Parameters<VerifiedLedger['recordRejected']>[1],
    detail: string,
  ): void {
    this.deps.ledger.recordRejected(key, reason, this.deps.now?.() ?? new Date());
    this.missingSince.delete(key);
    this.deps.logger.warn(
      { videoId: claim.videoId, hotkey: claim.minerHotkey, blockHash: claim.blockHash, reason, detail },
      'SN24 Focus claim rejected; it earns nothing',
    );
  }
}

/** The address in the chain's own SS58 format (42), so a recorder quoted in another format still matches. */
function canonicalAddress(address: string): string {
  try {
    return ss58Encode(ss58Decode(address));
  } catch {
    return address;
  }
}
