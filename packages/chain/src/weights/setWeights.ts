import type { ChainClient } from '../client/connect.js';
import type { TxSigner } from '../tx/signer.js';
import { submitExtrinsic } from '../tx/submit.js';
import { type IncludedTx, withBlockNumber } from './inclusion.js';
import { checkWeightsArgs } from './u16Vectors.js';

export interface SetWeightsArgs {
  netuid: number;
  /** u16 uids and weights, as returned by `normalizeWeights`. */
  uids: readonly number[];
  weights: readonly number[];
  /** Defaults to the SDK's 10002000. Must be ≥ the subnet's `WeightsVersionKey`. */
  versionKey?: bigint;
  /** The hotkey. */
  signer: TxSigner;
}

/**
 * `SubtensorModule.set_weights`, hotkey-signed. Refusals arrive as ChainError named by the runtime
 * (`SettingWeightsTooFast`, `NeuronNoValidatorPermit`, `IncorrectWeightVersionKey`,
 * `CommitRevealEnabled`, …). Use `submitWeights` to pick set vs commit-reveal automatically.
 */
export async function setWeights(client: ChainClient, args: SetWeightsArgs): Promise<IncludedTx> {
  const versionKey = checkWeightsArgs(args.uids, args.weights, args.versionKey);
  const tx = client.api.tx.subtensorModule.setWeights(
    args.netuid,
    [...args.uids],
    [...args.weights],
    versionKey,
  );
  const result = await submitExtrinsic(client, tx, { signer: args.signer, label: 'set_weights' });
  return withBlockNumber(client, result);
}
