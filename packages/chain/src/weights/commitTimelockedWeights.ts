import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { ChainClient } from '../client/connect.js';
import { signerAddress, type TxSigner } from '../tx/signer.js';
import { submitExtrinsic } from '../tx/submit.js';
import { TimelockUnavailableError } from './errors.js';
import { getWeightsParams } from './getWeightsParams.js';
import { type IncludedTx, withBlockNumber } from './inclusion.js';
import { revealRound } from './revealRound.js';
import { encodeU64, encodeVecU16 } from './scale.js';
import { timelockPayload } from './timelockPayload.js';
import { timelockEncrypt } from './tle.js';
import { checkWeightsArgs } from './u16Vectors.js';

export interface CommitTimelockedWeightsArgs {
  netuid: number;
  /** u16 uids and weights (from `normalizeWeights`). */
  uids: readonly number[];
  weights: readonly number[];
  versionKey?: bigint;
  signer: TxSigner;
  /** Seconds per block used to aim at the reveal epoch (mainnet 12; the local chain's is ~1). */
  blockTimeSeconds?: number;
  /** Unix time in seconds; defaults to now. */
  nowSeconds?: number;
}

export interface CommitTimelockedWeightsResult extends IncludedTx {
  /** blake2_256 of the ciphertext, as in the runtime's `TimelockedWeightsCommitted` event. */
  commitHash: `0x${string}`;
  revealRound: number;
  /** First block of the epoch in which the chain decrypts and applies the weights. */
  revealFromBlock: number;
  /** 4 (hotkey in the payload, `commit_timelocked_weights`) or 3 (legacy `commit_crv3_weights`). */
  commitRevealVersion: number;
}

/**
 * Timelocked commit-reveal (CRv4, core spec §3.8): encrypts the weights to the drand round that
 * falls just inside the reveal epoch and commits the ciphertext. The chain decrypts and applies them
 * itself once drand publishes that round; there is nothing to reveal, and nothing happens on a chain
 * without drand pulses (the local chain).
 */
export async function commitTimelockedWeights(
  client: ChainClient,
  args: CommitTimelockedWeightsArgs,
): Promise<CommitTimelockedWeightsResult> {
  const versionKey = checkWeightsArgs(args.uids, args.weights, args.versionKey);
  const params = await getWeightsParams(client, { netuid: args.netuid });
  const sm = client.api.tx.subtensorModule;
  const v4 = sm.commitTimelockedWeights !== undefined;
  if (!v4 && sm.commitCrv3Weights === undefined) {
    throw new TimelockUnavailableError(`this runtime has no timelocked weight commits`, {
      netuid: args.netuid,
    });
  }
  const round = revealRound({
    currentBlock: params.block,
    netuid: args.netuid,
    tempo: params.tempo,
    revealPeriod: params.revealPeriodEpochs,
    nowSeconds: args.nowSeconds ?? Date.now() / 1000,
    ...(args.blockTimeSeconds === undefined ? {} : { blockTimeSeconds: args.blockTimeSeconds }),
  });
  // The runtime refuses rounds it already has a pulse for (InvalidRevealRound).
  const lastStored = client.api.query.drand?.lastStoredRound
    ? Number((await client.api.query.drand.lastStoredRound()).toString())
    : 0;
  const target = Math.max(round.revealRound, lastStored + 1);
  const payload = v4
    ? timelockPayload({
        hotkey: signerAddress(args.signer),
        uids: args.uids,
        values: args.weights,
        versionKey,
      })
    : u8aConcat(encodeVecU16(args.uids), encodeVecU16(args.weights), encodeU64(versionKey));
  // Hex, so polkadot.js takes it as raw bytes (a Uint8Array would be read as already SCALE-encoded).
  const commit = u8aToHex(timelockEncrypt(payload, target));
  const version = v4 ? (params.commitRevealVersion ?? 4) : 3;
  const tx = v4
    ? sm.commitTimelockedWeights(args.netuid, commit, target, version)
    : sm.commitCrv3Weights(args.netuid, commit, target);
  const result = await submitExtrinsic(client, tx, {
    signer: args.signer,
    label: 'commit_timelocked_weights',
  });
  return {
    ...(await withBlockNumber(client, result)),
    commitHash: u8aToHex(blake2AsU8a(hexToU8a(commit), 256)),
    revealRound: target,
    revealFromBlock: round.targetBlock - 3,
    commitRevealVersion: version,
  };
}
