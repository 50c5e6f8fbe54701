import type { ChainClient } from '../client/connect.js';
import type { TxSigner } from '../tx/signer.js';
import { submitExtrinsic } from '../tx/submit.js';
import { WeightsInputError } from './errors.js';
import { type IncludedTx, withBlockNumber } from './inclusion.js';
import { assertU16Vectors, assertVersionKey } from './u16Vectors.js';

export interface RevealWeightsArgs {
  netuid: number;
  /** Exactly the committed u16 uids/weights/salt/version key. */
  uids: readonly number[];
  weights: readonly number[];
  salt: readonly number[];
  versionKey: bigint;
  signer: TxSigner;
}

/**
 * `reveal_weights`: accepted only in epoch `commit_epoch + RevealPeriodEpochs` (earlier:
 * `RevealTooEarly`, later: `ExpiredWeightCommit`), and the weights then pass the normal
 * set-weights checks. `revealPending` drives this from the pending store.
 */
export async function revealWeights(client: ChainClient, args: RevealWeightsArgs): Promise<IncludedTx> {
  assertU16Vectors(args.uids, args.weights);
  assertVersionKey(args.versionKey);
  if (args.salt.length === 0)
    throw new WeightsInputError('InvalidSalt', 'the reveal needs the salt used in the commit');
  const tx = client.api.tx.subtensorModule.revealWeights(
    args.netuid,
    [...args.uids],
    [...args.weights],
    [...args.salt],
    args.versionKey,
  );
  const result = await submitExtrinsic(client, tx, { signer: args.signer, label: 'reveal_weights' });
  return withBlockNumber(client, result);
}
