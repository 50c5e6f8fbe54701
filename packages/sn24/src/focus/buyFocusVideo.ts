import {
  type ChainClient,
  ChainError,
  estimateFee,
  getBalance,
  getBlockTransfers,
  getCurrentBlock,
  getHotkeyOwner,
  nextNonce,
  type TxSigner,
  transfer,
  transferCall,
} from '@taonode/chain';
import { FocusError } from './focusError.js';
import type { FocusMarketplace, HotkeyCredentials } from './marketplace.js';
import type { PurchaseEntry, PurchaseLedger } from './purchaseLedger.js';

/**
 * How far past the block a payment was sent at we look for it after a crash. polkadot.js signs
 * mortal transactions valid for min(BlockHashCount, 5 min of blocks + 5), about 30 blocks on a
 * 12 s chain, so a transfer that was not included by then never will be.
 */
export const PAYMENT_SCAN_BLOCKS = 300;

/** What the buyer is asked to approve before any TAO moves. */
export interface PaymentPreview {
  videoId: string;
  address: string;
  amountRao: bigint;
  feeRao: bigint;
  balanceRao: bigint;
  /** Sending again with the nonce of a payment that never reached a block. */
  resend: boolean;
}

export interface BuyFocusDeps {
  marketplace: FocusMarketplace;
  client: ChainClient;
  ledger: PurchaseLedger;
  /** The miner hotkey's marketplace credentials. */
  auth: HotkeyCredentials;
  /** The coldkey paying (it must own the hotkey, or validators reject the claim). */
  coldkey: string;
  /** Asked once before paying; throwing stops the purchase with nothing paid. */
  approve(preview: PaymentPreview): Promise<void>;
  /** The coldkey signer, unlocked only when a payment is about to go out. */
  signer(): Promise<TxSigner>;
  progress?(line: string): void;
  now?(): Date;
}

/**
 * Buys one Focus video (spec §1.4 steps 3–4, §3.3): announce → transfer the quoted TAO from the
 * coldkey → hand the block hash back, recording each step in the ledger first. Run it again after
 * any failure or crash: it resumes where the ledger stands and never pays twice (a payment whose
 * fate is unknown is looked up on chain, or re-sent with its original nonce so at most one lands).
 */
export async function buyFocusVideo(deps: BuyFocusDeps, videoId: string): Promise<PurchaseEntry> {
  const progress = deps.progress ?? (() => {});
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  let entry = deps.ledger.get(deps.marketplace.url, videoId);

  if (entry !== undefined && entry.hotkey !== deps.auth.hotkey) {
    throw new FocusError(
      'LedgerHotkeyMismatch',
      `the ledger's purchase of ${videoId} belongs to hotkey ${entry.hotkey}`,
      {
        hint: 'use the wallet and hotkey that started this purchase, or another --ledger',
        details: { videoId, ledgerHotkey: entry.hotkey, hotkey: deps.auth.hotkey },
      },
    );
  }
  if (entry === undefined) {
    const owner = await getHotkeyOwner(deps.client, { hotkey: deps.auth.hotkey });
    if (owner !== deps.coldkey) {
      throw new FocusError(
        'ColdkeyDoesNotOwnHotkey',
        `hotkey ${deps.auth.hotkey} is ${owner === undefined ? 'not on chain' : `owned by ${owner}`}, not by ${deps.coldkey}`,
        {
          hint: "validators only count payments from the coldkey owning the miner's hotkey; use that wallet (and register the hotkey first)",
          details: { hotkey: deps.auth.hotkey, owner: owner ?? null, coldkey: deps.coldkey },
        },
      );
    }
    const quote = await deps.marketplace.announcePurchase(videoId, deps.auth);
    entry = await deps.ledger.put({
      videoId,
      marketplace: deps.marketplace.url,
      hotkey: deps.auth.hotkey,
      coldkey: deps.coldkey,
      address: quote.address,
      amountRao: quote.amountRao,
      state: 'announced',
      announcedAt: now(),
    });
    progress(
      `announced: ${videoId} is locked for this hotkey; pay ${quote.amountRao} rao to ${quote.address}`,
    );
  }

  if (entry.state === 'sending') {
    progress('a payment for this video was on its way when the last run stopped; checking the chain');
    entry = await settleSending(deps, entry, now);
  }
  if (entry.state === 'announced' || entry.state === 'sending') entry = await pay(deps, entry, now, progress);
  if (entry.state === 'paid') entry = await handBack(deps, entry, now, progress);
  return entry;
}

async function pay(
  deps: BuyFocusDeps,
  start: PurchaseEntry,
  now: () => string,
  progress: (line: string) => void,
): Promise<PurchaseEntry> {
  const { client } = deps;
  const resend = start.state === 'sending';
  const call = transferCall(client, { dest: start.address, amount: start.amountRao });
  const [feeRao, balance] = await Promise.all([
    estimateFee(client, call, start.coldkey),
    getBalance(client, { address: start.coldkey }),
  ]);
  if (balance.free < start.amountRao + feeRao) {
    throw new FocusError(
      'InsufficientBalance',
      `${start.coldkey} holds ${balance.free} rao; the purchase needs ${start.amountRao + feeRao}`,
      {
        hint: 'fund the coldkey and run the same command again (the video stays announced)',
        details: {
          videoId: start.videoId,
          free: String(balance.free),
          needed: String(start.amountRao + feeRao),
        },
      },
    );
  }
  await deps.approve({
    videoId: start.videoId,
    address: start.address,
    amountRao: start.amountRao,
    feeRao,
    balanceRao: balance.free,
    resend,
  });
  const signer = await deps.signer();
  const nonce = resend && start.nonce !== undefined ? start.nonce : await nextNonce(client, start.coldkey);
  const fromBlock = resend && start.fromBlock !== undefined ? start.fromBlock : await getCurrentBlock(client);
  let entry = await deps.ledger.put({ ...start, state: 'sending', nonce, fromBlock });
  progress(`sending ${start.amountRao} rao to ${start.address} (nonce ${nonce})`);
  try {
    const sent = await transfer(client, { signer, dest: start.address, amount: start.amountRao, nonce });
    return await deps.ledger.put({ ...entry, state: 'paid', blockHash: sent.blockHash, paidAt: now() });
  } catch (err) {
    entry = await settleSending(deps, entry, now).catch(() => entry);
    if (entry.state === 'sending' && !resend && refusedAtSubmission(err)) {
      // The pool never took it: nothing can land, and the next run may pick a fresh nonce.
      entry = await deps.ledger.put({ ...entry, state: 'announced', nonce: undefined, fromBlock: undefined });
    }
    if (entry.state === 'paid') return entry;
    const reason = err instanceof Error ? err.message : String(err);
    if (entry.state === 'announced') {
      throw new FocusError(
        'PaymentFailed',
        `the payment for ${start.videoId} did not go through: ${reason}`,
        {
          hint: 'nothing was paid; fix the cause and run the same command again',
          details: { videoId: start.videoId },
          cause: err,
        },
      );
    }
    throw new FocusError(
      'PaymentOutcomeUnknown',
      `the payment for ${start.videoId} may or may not have landed: ${reason}`,
      {
        hint: 'run the same command again in a minute: it looks the payment up on chain and never pays twice',
        details: { videoId: start.videoId, nonce },
        cause: err,
      },
    );
  }
}

/**
 * Where a `sending` payment went. The coldkey's nonce tells whether the transaction with our nonce
 * was included; if so the transfer is looked for in the blocks since it was sent. Nonce not used
 * yet: still `sending` (the next attempt re-sends with the same nonce).
 */
async function settleSending(
  deps: BuyFocusDeps,
  entry: PurchaseEntry,
  now: () => string,
): Promise<PurchaseEntry> {
  const { client } = deps;
  if (entry.nonce === undefined || entry.fromBlock === undefined) {
    return deps.ledger.put({ ...entry, state: 'announced' });
  }
  const { nonce } = await getBalance(client, { address: entry.coldkey });
  if (nonce <= entry.nonce) return entry;
  const head = await getCurrentBlock(client);
  const last = Math.min(head, entry.fromBlock + PAYMENT_SCAN_BLOCKS);
  for (let n = entry.fromBlock; n <= last; n++) {
    const block = await getBlockTransfers(client, { blockNumber: n });
    const found = block.transfers.find(
      (t) =>
        t.signer === entry.coldkey &&
        t.from === entry.coldkey &&
        t.to === entry.address &&
        t.amount === entry.amountRao,
    );
    if (found !== undefined) {
      return deps.ledger.put({ ...entry, state: 'paid', blockHash: block.hash, paidAt: now() });
    }
  }
  // The nonce went to a transaction that paid nobody here (a failed call, or another transaction).
  return deps.ledger.put({ ...entry, state: 'announced', nonce: undefined, fromBlock: undefined });
}

async function handBack(
  deps: BuyFocusDeps,
  entry: PurchaseEntry,
  now: () => string,
  progress: (line: string) => void,
): Promise<PurchaseEntry> {
  const blockHash = entry.blockHash!;
  progress(`paid in block ${blockHash}; handing the block hash back to ${deps.marketplace.url}`);
  let answer: Awaited<ReturnType<FocusMarketplace['handBack']>>;
  try {
    answer = await deps.marketplace.handBack({ videoId: entry.videoId, blockHash }, deps.auth);
  } catch (err) {
    throw new FocusError(
      'HandBackFailed',
      `paid in block ${blockHash}, but the hand-back failed: ${(err as Error).message}`,
      {
        hint: 'run the same command again to hand the block hash back; nothing is paid twice',
        details: { videoId: entry.videoId, blockHash },
        cause: err,
      },
    );
  }
  if (!answer.accepted) {
    await deps.ledger.put({ ...entry, message: answer.message });
    throw new FocusError(
      'HandBackRefused',
      `paid in block ${blockHash}, but the marketplace said: ${answer.message}`,
      {
        hint: 'run the same command again to retry the hand-back; nothing is paid twice',
        details: { videoId: entry.videoId, blockHash },
      },
    );
  }
  return deps.ledger.put({ ...entry, state: 'handed-back', handedBackAt: now(), message: answer.message });
}

/** The pool refused the transaction outright (never accepted it), so it cannot land later. */
function refusedAtSubmission(err: unknown): boolean {
  return (
    err instanceof ChainError &&
    err.pallet === 'pool' &&
    !['Dropped', 'Invalid', 'Usurped'].includes(err.name)
  );
}
