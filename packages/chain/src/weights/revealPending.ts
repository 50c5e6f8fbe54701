import type { ChainClient } from '../client/connect.js';
import { ChainError } from '../errors/chainError.js';
import { signerAddress, type TxSigner } from '../tx/signer.js';
import { committedPatch } from './committedPatch.js';
import { getWeightCommits } from './getWeightCommits.js';
import { getWeightsParams, type WeightsParams } from './getWeightsParams.js';
import { silentLogger, type WeightsLogger } from './logger.js';
import { type PendingReveal, PendingRevealStore } from './pendingReveals.js';
import { revealWeights } from './revealWeights.js';

export interface RevealPendingArgs {
  /** The hotkey that made the commits; entries of other hotkeys are left alone. */
  signer: TxSigner;
  store: PendingRevealStore | string;
  /** Only this subnet (default: all subnets in the store). */
  netuid?: number;
  logger?: WeightsLogger;
}

export interface RevealPendingResult {
  revealed: Array<PendingReveal & { revealBlock: number }>;
  /** Still waiting for their window (or for the commit to be confirmed). */
  waiting: PendingReveal[];
  /** Removed from the store: expired, unknown to the chain, or never included. */
  dropped: Array<{ entry: PendingReveal; reason: string }>;
  /** Kept for a retry on the next call (connection trouble, or a refusal inside the window). */
  failed: Array<{ entry: PendingReveal; error: Error }>;
}

/** Runtime answers meaning the commit can never be revealed any more. */
const FATAL = new Set([
  'ExpiredWeightCommit',
  'NoWeightsCommitFound',
  'InvalidRevealCommitHashNotMatch',
  'CommitRevealDisabled',
]);
/** Longest a signed transaction can stay valid (mortality) plus margin, in blocks. */
const MAX_INCLUSION_DELAY = 300;

/**
 * Reveals every pending commit whose window has opened; meant to run each block (or step) of the
 * validator loop. Never throws for a single entry: outcomes are reported per entry and logged.
 */
export async function revealPending(
  client: ChainClient,
  args: RevealPendingArgs,
): Promise<RevealPendingResult> {
  const log = args.logger ?? silentLogger;
  const store = typeof args.store === 'string' ? new PendingRevealStore(args.store) : args.store;
  const hotkey = signerAddress(args.signer);
  const entries = await store.list({ hotkey, ...(args.netuid === undefined ? {} : { netuid: args.netuid }) });
  const result: RevealPendingResult = { revealed: [], waiting: [], dropped: [], failed: [] };
  const paramsBySubnet = new Map<number, WeightsParams>();

  const drop = async (entry: PendingReveal, reason: string) => {
    await store.remove(entry.commitHash);
    result.dropped.push({ entry, reason });
    log.warn(
      { netuid: entry.netuid, commitHash: entry.commitHash, reason },
      'pending weights commit dropped',
    );
  };

  for (let entry of entries) {
    let params = paramsBySubnet.get(entry.netuid);
    if (params === undefined) {
      params = await getWeightsParams(client, { netuid: entry.netuid });
      paramsBySubnet.set(entry.netuid, params);
    }

    if (entry.status === 'submitting') {
      const found = (
        await getWeightCommits(client, {
          netuid: entry.netuid,
          mecid: entry.mecid,
          hotkey,
          epochCounter: params.supports.epochCounter,
        })
      ).find((c) => c.commitHash === entry.commitHash);
      if (found === undefined) {
        if (params.block > (entry.submittedAtBlock ?? 0) + MAX_INCLUSION_DELAY) {
          await drop(entry, 'the commit never reached the chain');
        } else {
          result.waiting.push(entry);
        }
        continue;
      }
      const patch = committedPatch(found, entry, params);
      await store.update(entry.commitHash, patch);
      entry = { ...entry, ...patch };
    }

    if (!windowOpen(entry, params)) {
      result.waiting.push(entry);
      continue;
    }
    try {
      const tx = await revealWeights(client, {
        netuid: entry.netuid,
        uids: entry.uids,
        weights: entry.values,
        salt: entry.salt,
        versionKey: BigInt(entry.versionKey),
        signer: args.signer,
      });
      await store.remove(entry.commitHash);
      result.revealed.push({ ...entry, revealBlock: tx.blockNumber });
      log.info(
        { netuid: entry.netuid, commitHash: entry.commitHash, block: tx.blockNumber },
        'weights revealed',
      );
    } catch (error) {
      const name = error instanceof ChainError ? error.name : undefined;
      if (name === 'RevealTooEarly') {
        result.waiting.push(entry);
      } else if (name !== undefined && FATAL.has(name)) {
        await drop(entry, name);
      } else if (
        error instanceof ChainError &&
        entry.revealUntilBlock !== undefined &&
        params.block + 1 > entry.revealUntilBlock &&
        !['ChainDisconnectedError', 'ChainTimeoutError'].includes(error.name)
      ) {
        await drop(entry, `reveal window closed (${error.name})`);
      } else {
        const err = error instanceof Error ? error : new Error(String(error));
        result.failed.push({ entry, error: err });
        log.warn(
          { netuid: entry.netuid, commitHash: entry.commitHash, error: err.name, message: err.message },
          'reveal failed; will retry',
        );
      }
    }
  }
  return result;
}

/** Whether the next block falls in (or after) the entry's reveal epoch. After: let the chain say it expired. */
function windowOpen(entry: PendingReveal, params: WeightsParams): boolean {
  if (entry.revealFromBlock !== undefined) return params.block + 1 >= entry.revealFromBlock;
  if (entry.commitEpoch !== undefined && params.epochIndex !== undefined) {
    return params.epochIndex >= entry.commitEpoch + (entry.revealPeriodEpochs ?? params.revealPeriodEpochs);
  }
  return true; // unknown window: try, and let RevealTooEarly keep it waiting
}
