import type { ChainClient } from '../client/connect.js';
import { estimateFee } from '../tx/estimateFee.js';
import { chooseWeightsPath, type WeightsMode } from './chooseWeightsPath.js';
import { getWeightsParams } from './getWeightsParams.js';
import { DEFAULT_VERSION_KEY } from './u16Vectors.js';

export interface WeightsFee {
  /** What `submitWeights` with the same mode would send. */
  path: 'set' | 'commit-reveal' | 'timelocked';
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
    mode?: WeightsMode;
  },
): Promise<WeightsFee> {
  const params = await getWeightsParams(client, { netuid: args.netuid });
  const path = chooseWeightsPath(params, args.mode ?? 'auto');
  const sw = client.api.tx.subtensorModule;
  const versionKey = args.versionKey ?? DEFAULT_VERSION_KEY;
  // A timelocked commit's ciphertext is ~260 bytes plus 4 per weight; zeros of that size price it.
  const sealed = `0x${'00'.repeat(260 + 4 * args.uids.length)}`;
  const tx =
    path === 'set'
      ? sw.setWeights(args.netuid, [...args.uids], [...args.weights], versionKey)
      : path === 'commit-reveal'
        ? sw.commitWeights(args.netuid, `0x${'00'.repeat(32)}`)
        : sw.commitTimelockedWeights
          ? sw.commitTimelockedWeights(args.netuid, sealed, 1, params.commitRevealVersion ?? 4)
          : sw.commitCrv3Weights(args.netuid, sealed, 1);
  return { path, fee: await estimateFee(client, tx, args.hotkey) };
}
