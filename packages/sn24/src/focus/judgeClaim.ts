import type { BlockTransfer, BlockTransfers } from '@taonode/chain';
import type { FocusClaim } from './marketplace.js';

/** Why a claimed purchase earns nothing (logged with the claim). */
export type ClaimRejection =
  | 'block-not-found'
  | 'block-not-canonical'
  | 'outside-window'
  | 'unknown-hotkey'
  | 'not-from-miner-coldkey'
  | 'wrong-recipient'
  | 'underpaid'
  | 'already-counted';

export type ClaimVerdict =
  | { ok: true; transfer: BlockTransfer }
  | { ok: false; reason: ClaimRejection; detail: string };

export interface ClaimEvidence {
  claim: FocusClaim;
  /** The claimed block as the chain has it. */
  block: BlockTransfers;
  /** The coldkey owning the claim's hotkey now (`SubtensorModule.Owner`); undefined if none. */
  minerColdkey: string | undefined;
  /** Best block number now. */
  head: number;
  /** How many blocks back a payment still counts (spec §5.7: 24 h = 7,200 blocks of 12 s). */
  windowBlocks: number;
  /** Whether a transfer already paid for another counted claim. */
  isCounted(transferId: string): boolean;
}

/**
 * Spec §1.4 step 5, done by each validator itself: the claimed block holds a transfer from the
 * miner's coldkey to the quoted address of at least the quoted price that no other claim used,
 * and the block is on the best chain and recent enough. The first failing check names the reason.
 * At least the price (the API compares at 5 decimals): paying more buys no more weight, because
 * the Focus score counts the price.
 */
export function judgeClaim(e: ClaimEvidence): ClaimVerdict {
  const { claim, block } = e;
  const reject = (reason: ClaimRejection, detail: string): ClaimVerdict => ({ ok: false, reason, detail });
  if (e.minerColdkey === undefined)
    return reject('unknown-hotkey', `hotkey ${claim.minerHotkey} has no coldkey on chain`);
  if (!block.canonical) return reject('block-not-canonical', `block ${block.hash} is not on the best chain`);
  const age = e.head - block.number;
  if (age > e.windowBlocks) {
    return reject('outside-window', `block #${block.number} is ${age} blocks old (window ${e.windowBlocks})`);
  }
  const fromMiner = block.transfers.filter((t) => t.from === e.minerColdkey);
  if (fromMiner.length === 0) {
    return reject(
      'not-from-miner-coldkey',
      `no transfer from the miner's coldkey ${e.minerColdkey} in block #${block.number}`,
    );
  }
  const toRecorder = fromMiner.filter((t) => t.to === claim.address);
  if (toRecorder.length === 0) {
    return reject('wrong-recipient', `no transfer to the recorder ${claim.address} from the miner's coldkey`);
  }
  const paid = toRecorder.filter((t) => t.amount >= claim.amountRao);
  if (paid.length === 0) {
    let best = 0n;
    for (const t of toRecorder) if (t.amount > best) best = t.amount;
    return reject('underpaid', `paid ${best} rao, the price is ${claim.amountRao} rao`);
  }
  const fresh = paid.find((t) => !e.isCounted(t.id));
  if (fresh === undefined)
    return reject('already-counted', `transfer ${paid[0]!.id} already paid for another claim`);
  return { ok: true, transfer: fresh };
}

/** One purchase = one (video, hotkey, block) claim; listing it again is not a new claim. */
export function claimKey(claim: Pick<FocusClaim, 'videoId' | 'minerHotkey' | 'blockHash'>): string {
  return `${claim.videoId}|${claim.minerHotkey}|${claim.blockHash.toLowerCase()}`;
}
