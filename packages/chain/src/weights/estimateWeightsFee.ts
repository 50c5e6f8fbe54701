import type { ChainClient } from '../client/connect.js';
import { estimateFee } from '../tx/estimateFee.js';
import { getWeightsParams } from './getWeightsParams.js';
import { chooseWeightsPath } from './submitWeights.js';
import { DEFAULT_VERSION_KEY } from './u16Vectors.js';

export interface WeightsFee {
  /** What `submitWeights` with the same mode would send. */
  path: 'set' | 'commit-reveal';
  /** The node's fee estimate for that call, in rao (0 where the runtime marks it `Pays::No`). */
  fee: bigint;
}

/**
 * The fee the hotkey would pay for `submitWeights` on `netuid` (set_weights or commit_weights).
 * Both are fee-free on the runtimes we know; asking the node keeps callers honest if that changes.
 * Throws TimelockUnavailableError where submitWeights would.
 */
export async function estimateWeightsFee(
  client: ChainClient,
  args: {
    netuid: number;
    /** The signing hotkey's address. */
    hotkey: string;
    /** u16 uids/weights (from normalizeWeights); their length is part of the fee. */
    uids: readonly number[];
    weights: readonly number[];
    versionKey?: bigint;
    mode?: 'auto' | 'set' | 'commit-reveal';
  },
): Promise<WeightsFee> {
  const params = await getWeightsParams(client, { netuid: args.netuid });
  const path = chooseWeightsPath(params, args.mode ?? 'auto');
  const sw = client.api.tx.subtensorModule;
  const tx =
    path === 'set'
      ? sw.setWeights(args.netuid, [...args.uids], [...args.weights], args.versionKey ?? DEFAULT_VERSION_KEY)
      : sw.commitWeights(args.netuid, `0x${'00'.repeat(32)}`);
  return { path, fee: await estimateFee(client, tx, args.hotkey) };
}
