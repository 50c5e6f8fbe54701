import { z } from 'zod';
import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError, ChainError } from '../errors/chainError.js';
import { hintFor } from '../errors/hints.js';
import type { MetagraphHyperparameters } from './getMetagraph.js';
import { big } from './metagraphSchema.js';
import { U16_MAX_FLOAT } from './units.js';

const int = z.number().int();
const schema = z.object({
  tempo: int,
  weightsRateLimit: big,
  minAllowedWeights: int,
  maxWeightsLimit: int,
  commitRevealWeightsEnabled: z.boolean(),
  commitRevealPeriod: big,
  weightsVersion: big,
  activityCutoff: int,
  immunityPeriod: int,
  servingRateLimit: big,
  maxValidators: int,
  registrationAllowed: z.boolean(),
  kappa: int,
  rho: int,
});

/**
 * The subnet's hyperparameters without the per-neuron arrays (cheap, for daemons that poll them):
 * `get_subnet_hyperparams_v3`, else v2, else v1, plus Burn and MaxAllowedUids from storage.
 */
export async function getHyperparameters(
  client: ChainClient,
  params: { netuid: number },
): Promise<MetagraphHyperparameters> {
  const runtimeApi = client.api.call.subnetInfoRuntimeApi;
  const fn =
    runtimeApi?.getSubnetHyperparamsV3 ??
    runtimeApi?.getSubnetHyperparamsV2 ??
    runtimeApi?.getSubnetHyperparams;
  if (fn === undefined) throw new ChainDecodeError('this runtime has no get_subnet_hyperparams API');
  const [codec, burn, maxUids] = await client.request('get_subnet_hyperparams', (api) =>
    Promise.all([
      fn(params.netuid),
      api.query.subtensorModule.burn(params.netuid),
      api.query.subtensorModule.maxAllowedUids(params.netuid),
    ]),
  );
  const json = codec.toJSON();
  if (json === null) {
    throw new ChainError('SubnetNotExists', `subnet ${params.netuid} does not exist`, {
      pallet: 'SubtensorModule',
      hint: hintFor('SubnetNotExists'),
      details: { netuid: params.netuid },
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ChainDecodeError('subnet hyperparameters have an unexpected shape', {
      netuid: params.netuid,
      issues: parsed.error.issues.slice(0, 5),
    });
  }
  const h = parsed.data;
  return {
    tempo: h.tempo,
    weightsRateLimit: Number(h.weightsRateLimit),
    minAllowedWeights: h.minAllowedWeights,
    maxWeightsLimit: h.maxWeightsLimit,
    maxWeightLimit: h.maxWeightsLimit / U16_MAX_FLOAT,
    commitRevealEnabled: h.commitRevealWeightsEnabled,
    commitRevealPeriod: Number(h.commitRevealPeriod),
    weightsVersionKey: h.weightsVersion,
    activityCutoff: h.activityCutoff,
    immunityPeriod: h.immunityPeriod,
    servingRateLimit: Number(h.servingRateLimit),
    maxValidators: h.maxValidators,
    maxUids: Number(maxUids.toString()),
    registrationAllowed: h.registrationAllowed,
    burn: BigInt(burn.toString()),
    kappa: h.kappa,
    kappaFloat: h.kappa / U16_MAX_FLOAT,
    rho: h.rho,
  };
}
