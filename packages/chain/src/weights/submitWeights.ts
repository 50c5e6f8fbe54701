import type { ChainClient } from '../client/connect.js';
import { ChainError } from '../errors/chainError.js';
import { hintFor } from '../errors/hints.js';
import { signerAddress, type TxSigner } from '../tx/signer.js';
import { checkVersionKey, chooseWeightsPath, type WeightsMode } from './chooseWeightsPath.js';
import { commitHash } from './commitHash.js';
import { commitTimelockedWeights } from './commitTimelockedWeights.js';
import { committedPatch } from './committedPatch.js';
import { commitWeights } from './commitWeights.js';
import { getNeuronWeightState } from './getNeuronWeightState.js';
import { getWeightCommits } from './getWeightCommits.js';
import { getWeightsParams } from './getWeightsParams.js';
import type { IncludedTx } from './inclusion.js';
import { silentLogger, type WeightsLogger } from './logger.js';
import { normalizeWeights } from './normalizeWeights.js';
import { PendingRevealStore } from './pendingReveals.js';
import { randomSalt } from './salt.js';
import { setWeights } from './setWeights.js';
import { assertVersionKey, DEFAULT_VERSION_KEY } from './u16Vectors.js';
import { weightsDigest } from './weightsDigest.js';

export interface SubmitWeightsArgs {
  netuid: number;
  uids: readonly number[];
  /** Float scores; normalised here exactly as the Python SDK does (§3.4). */
  weights: ArrayLike<number>;
  /** Your validator's version key; defaults to the SDK's 10002000. */
  versionKey?: bigint;
  /** The hotkey. */
  signer: TxSigner;
  /** Pending-reveal store, or the path of its JSON file. */
  store: PendingRevealStore | string;
  /**
   * auto (default): set_weights when the subnet has commit-reveal off; when on, hash commit-reveal
   * (v2) or, where the runtime counts only those, a timelocked (drand) commit. The others force one.
   */
  mode?: WeightsMode;
  logger?: WeightsLogger;
}

interface Normalized {
  uids: number[];
  weights: number[];
  versionKey: bigint;
}

export type SubmitWeightsResult =
  | ({ action: 'set' } & Normalized & IncludedTx)
  | ({
      action: 'committed';
      /** `hash`: reveal it later (revealPending); `timelocked`: the chain reveals it at `revealRound`. */
      scheme: 'hash' | 'timelocked';
      commitHash: `0x${string}`;
      /** drand round of a timelocked commit. */
      revealRound?: number;
      /** Reveal window (inclusive) where the runtime derives epochs from blocks. */
      revealFromBlock: number | undefined;
      revealUntilBlock: number | undefined;
    } & Normalized &
      IncludedTx)
  | ({
      action: 'skipped';
      reason: 'no-weights' | 'already-committed' | 'already-set';
      detail: string;
    } & Normalized);

const AMBIGUOUS = new Set(['ChainDisconnectedError', 'ChainTimeoutError']);

/**
 * The one call a validator makes each tempo: reads the subnet's weight hyperparameters, normalises,
 * checks version key and rate limit locally (same error names as the runtime), then sets weights or
 * commits them (hash commit-reveal) and records the pending reveal in a crash-safe store.
 * `revealPending` reveals them when their window opens. Identical weights are never sent twice
 * while a previous submission of them is still pending or inside the rate-limit window.
 */
export async function submitWeights(
  client: ChainClient,
  args: SubmitWeightsArgs,
): Promise<SubmitWeightsResult> {
  const log = args.logger ?? silentLogger;
  const store = typeof args.store === 'string' ? new PendingRevealStore(args.store) : args.store;
  const params = await getWeightsParams(client, { netuid: args.netuid });
  const versionKey = args.versionKey ?? DEFAULT_VERSION_KEY;
  assertVersionKey(versionKey);
  const { uids, weights } = normalizeWeights(
    args.uids,
    args.weights,
    params.maxWeightLimit < 1 ? { maxWeightLimit: params.maxWeightLimit } : {},
  );
  const normalized: Normalized = { uids, weights, versionKey };
  if (uids.length === 0) {
    return {
      action: 'skipped',
      reason: 'no-weights',
      detail: 'all weights are zero; nothing to submit',
      ...normalized,
    };
  }
  const path = chooseWeightsPath(params, args.mode ?? 'auto');
  const useCommitReveal = path !== 'set';

  const hotkey = signerAddress(args.signer);
  const neuron = await getNeuronWeightState(client, { netuid: args.netuid, hotkey });
  if (neuron.uid === undefined) {
    throw new ChainError(
      'HotKeyNotRegisteredInSubNet',
      `hotkey ${hotkey} has no uid on subnet ${args.netuid}`,
      {
        pallet: 'SubtensorModule',
        hint: hintFor('HotKeyNotRegisteredInSubNet'),
        details: { netuid: args.netuid, hotkey },
      },
    );
  }
  // Same order as the runtime's checks (§3.6): registered, then version key, then rate limit.
  checkVersionKey(params, versionKey);
  const key = { netuid: args.netuid, mecid: 0, hotkey };
  const digest = weightsDigest({ netuid: args.netuid, uids, values: weights, versionKey });

  if (path === 'commit-reveal') {
    const pending = await store.list(key);
    const same = pending.find(
      (p) =>
        weightsDigest({
          netuid: p.netuid,
          uids: p.uids,
          values: p.values,
          versionKey: BigInt(p.versionKey),
        }) === digest,
    );
    if (same !== undefined) {
      return {
        action: 'skipped',
        reason: 'already-committed',
        detail: `identical weights committed as ${same.commitHash}, waiting for their reveal`,
        ...normalized,
      };
    }
  }

  // Rate limit, as the runtime checks it at inclusion (next block). LastUpdate 0 means never set.
  const nextBlock = params.block + 1;
  const last = neuron.lastUpdate ?? 0;
  if (last !== 0 && nextBlock - last < params.weightsRateLimit) {
    const previous = await store.lastSubmission(key);
    if (previous !== undefined && previous.digest === digest && previous.block >= last) {
      return {
        action: 'skipped',
        reason: 'already-set',
        detail: `identical weights were ${previous.kind === 'set' ? 'set' : 'committed'} at block ${previous.block}`,
        ...normalized,
      };
    }
    const name = useCommitReveal ? 'CommittingWeightsTooFast' : 'SettingWeightsTooFast';
    const blocksLeft = params.weightsRateLimit - (nextBlock - last);
    throw new ChainError(
      name,
      `weights for uid ${neuron.uid} were updated at block ${last}; wait ${blocksLeft} more block(s)`,
      {
        pallet: 'SubtensorModule',
        hint: `The subnet allows one update every ${params.weightsRateLimit} blocks; retry after block ${last + params.weightsRateLimit - 1}.`,
        details: {
          netuid: args.netuid,
          uid: neuron.uid,
          lastUpdate: last,
          rateLimit: params.weightsRateLimit,
          blocksLeft,
        },
      },
    );
  }

  if (!useCommitReveal) {
    const tx = await setWeights(client, {
      netuid: args.netuid,
      uids,
      weights,
      versionKey,
      signer: args.signer,
    });
    await store.recordSubmission({ ...key, digest, kind: 'set', block: tx.blockNumber });
    log.info({ netuid: args.netuid, uid: neuron.uid, block: tx.blockNumber, n: uids.length }, 'weights set');
    return { action: 'set', ...normalized, ...tx };
  }

  if (path === 'timelocked') {
    const tl = await commitTimelockedWeights(client, {
      netuid: args.netuid,
      uids,
      weights,
      versionKey,
      signer: args.signer,
    });
    await store.recordSubmission({ ...key, digest, kind: 'commit', block: tl.blockNumber });
    log.info(
      { netuid: args.netuid, uid: neuron.uid, block: tl.blockNumber, round: tl.revealRound },
      'weights committed (timelocked)',
    );
    const { txHash, blockHash, blockNumber, commitHash: hash, revealRound, revealFromBlock } = tl;
    return {
      action: 'committed',
      scheme: 'timelocked',
      commitHash: hash,
      revealRound,
      revealFromBlock,
      revealUntilBlock: undefined,
      ...normalized,
      txHash,
      blockHash,
      blockNumber,
    };
  }

  // Write-ahead: the salt is on disk before the commit can land, so a crash cannot orphan it.
  const salt = randomSalt();
  const hash = commitHash({ hotkey, netuid: args.netuid, uids, values: weights, salt, versionKey });
  await store.add({
    commitHash: hash,
    ...key,
    uids,
    values: weights,
    salt,
    versionKey: versionKey.toString(),
    status: 'submitting',
    createdAt: new Date().toISOString(),
    submittedAtBlock: params.block,
    revealPeriodEpochs: params.revealPeriodEpochs,
  });
  let tx: IncludedTx;
  try {
    tx = await commitWeights(client, {
      netuid: args.netuid,
      uids,
      weights,
      salt,
      versionKey,
      signer: args.signer,
    });
  } catch (error) {
    // A dropped socket leaves it unknown whether the commit landed: keep the entry, revealPending settles it.
    if (!(error instanceof ChainError && AMBIGUOUS.has(error.name))) await store.remove(hash);
    throw error;
  }
  const onChain = (
    await getWeightCommits(client, {
      netuid: args.netuid,
      hotkey,
      epochCounter: params.supports.epochCounter,
    })
  ).find((c) => c.commitHash === hash);
  const patch = committedPatch(
    onChain ?? {
      commitHash: hash,
      commitBlock: tx.blockNumber,
      revealFromBlock: undefined,
      revealUntilBlock: undefined,
      commitEpoch: params.epochIndex,
    },
    { netuid: args.netuid, mecid: 0, revealPeriodEpochs: params.revealPeriodEpochs },
    params,
  );
  await store.update(hash, patch);
  const window = { fromBlock: patch.revealFromBlock, untilBlock: patch.revealUntilBlock };
  await store.recordSubmission({ ...key, digest, kind: 'commit', block: tx.blockNumber });
  log.info(
    {
      netuid: args.netuid,
      uid: neuron.uid,
      block: tx.blockNumber,
      commitHash: hash,
      revealFrom: window.fromBlock,
    },
    'weights committed',
  );
  return {
    action: 'committed',
    scheme: 'hash',
    commitHash: hash,
    revealFromBlock: window.fromBlock,
    revealUntilBlock: window.untilBlock,
    ...normalized,
    ...tx,
  };
}
