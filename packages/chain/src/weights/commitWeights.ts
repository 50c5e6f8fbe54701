import type { ChainClient } from '../client/connect.js';
import { signerAddress, type TxSigner } from '../tx/signer.js';
import { submitExtrinsic } from '../tx/submit.js';
import { commitHash } from './commitHash.js';
import { type IncludedTx, withBlockNumber } from './inclusion.js';
import { randomSalt } from './salt.js';
import { checkWeightsArgs } from './u16Vectors.js';

export interface CommitWeightsArgs {
  netuid: number;
  /** u16 uids and weights (from `normalizeWeights`): exactly what will be revealed. */
  uids: readonly number[];
  weights: readonly number[];
  /** Random u16 salt; generated when absent. Keep it: the reveal needs it. */
  salt?: readonly number[];
  versionKey?: bigint;
  signer: TxSigner;
}

export interface CommitWeightsResult extends IncludedTx {
  commitHash: `0x${string}`;
  salt: number[];
  versionKey: bigint;
}

/**
 * Commit-reveal v2: `commit_weights(netuid, blake2_256(hotkey, netuid, uids, values, salt, version_key))`.
 * The caller must keep uids/weights/salt/versionKey to reveal later; `submitWeights` does that
 * for you in a crash-safe store.
 */
export async function commitWeights(
  client: ChainClient,
  args: CommitWeightsArgs,
): Promise<CommitWeightsResult> {
  const versionKey = checkWeightsArgs(args.uids, args.weights, args.versionKey);
  const salt = args.salt ? [...args.salt] : randomSalt();
  const hash = commitHash({
    hotkey: signerAddress(args.signer),
    netuid: args.netuid,
    uids: args.uids,
    values: args.weights,
    salt,
    versionKey,
  });
  const tx = client.api.tx.subtensorModule.commitWeights(args.netuid, hash);
  const result = await submitExtrinsic(client, tx, { signer: args.signer, label: 'commit_weights' });
  return { ...(await withBlockNumber(client, result)), commitHash: hash, salt, versionKey };
}
