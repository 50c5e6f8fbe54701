import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError } from '../errors/chainError.js';
import { netuidIndex } from './commitHash.js';

export interface WeightsParams {
  netuid: number;
  /** Best block the values were read at. */
  block: number;
  tempo: number;
  commitRevealEnabled: boolean;
  /** `RevealPeriodEpochs`: a commit is revealed this many epochs after its own. */
  revealPeriodEpochs: number;
  /** Minimum version key the subnet accepts (0 = any). */
  weightsVersionKey: bigint;
  /** Blocks between two weight updates (or commits) of one uid. */
  weightsRateLimit: number;
  minAllowedWeights: number;
  /** `MaxWeightsLimit / 65535`. */
  maxWeightLimit: number;
  /** `CommitRevealWeightsVersion` where the runtime has it (4 on mainnet today). */
  commitRevealVersion: number | undefined;
  /** What this runtime can take. */
  supports: {
    hashCommitReveal: boolean;
    timelocked: boolean;
    /** Runtime ≥ v3.4.8 counts epochs in storage instead of deriving them from the block number. */
    epochCounter: boolean;
  };
  /** `SubnetEpochIndex[netuid]` where it exists. */
  epochIndex: number | undefined;
}

const toNum = (what: string, v: { toString(): string }): number => {
  const n = Number(v.toString());
  if (!Number.isFinite(n)) throw new ChainDecodeError(`cannot read ${what}`, { value: v.toString() });
  return n;
};

/** Reads the hyperparameters that decide how weights are submitted on `netuid`. */
export async function getWeightsParams(
  client: ChainClient,
  args: { netuid: number; mecid?: number },
): Promise<WeightsParams> {
  const { netuid } = args;
  const idx = netuidIndex(netuid, args.mecid);
  return client.request('weights hyperparameters', async (api) => {
    const q = api.query.subtensorModule;
    if (q === undefined) throw new ChainDecodeError('the runtime has no SubtensorModule pallet');
    const tx = api.tx.subtensorModule ?? {};
    const [header, tempo, cr, period, versionKey, rateLimit, minAllowed, maxLimit] = await Promise.all([
      api.rpc.chain.getHeader(),
      q.tempo(netuid),
      q.commitRevealWeightsEnabled(netuid),
      q.revealPeriodEpochs(netuid),
      q.weightsVersionKey(netuid),
      q.weightsSetRateLimit(netuid),
      q.minAllowedWeights(netuid),
      q.maxWeightsLimit(netuid),
    ]);
    const crVersion = q.commitRevealWeightsVersion
      ? toNum('CommitRevealWeightsVersion', await q.commitRevealWeightsVersion())
      : undefined;
    const epochIndex = q.subnetEpochIndex
      ? toNum('SubnetEpochIndex', await q.subnetEpochIndex(idx))
      : undefined;
    return {
      netuid,
      block: header.number.toNumber(),
      tempo: toNum('Tempo', tempo),
      commitRevealEnabled: cr.toString() === 'true',
      revealPeriodEpochs: toNum('RevealPeriodEpochs', period),
      weightsVersionKey: BigInt(versionKey.toString()),
      weightsRateLimit: toNum('WeightsSetRateLimit', rateLimit),
      minAllowedWeights: toNum('MinAllowedWeights', minAllowed),
      maxWeightLimit: toNum('MaxWeightsLimit', maxLimit) / 65535,
      commitRevealVersion: crVersion,
      supports: {
        hashCommitReveal: 'commitWeights' in tx && 'revealWeights' in tx,
        timelocked: 'commitTimelockedWeights' in tx || 'commitCrv3Weights' in tx,
        epochCounter: q.subnetEpochIndex !== undefined,
      },
      epochIndex,
    };
  });
}
