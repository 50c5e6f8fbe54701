import type { ChainClient } from '../client/connect.js';
import { decodeIp } from '../encoding/axonIp.js';
import { ChainDecodeError, ChainError } from '../errors/chainError.js';
import { hintFor } from '../errors/hints.js';
import { getWeightRows, type WeightEntry } from './getWeightRows.js';
import { type MetagraphJson, metagraphJsonSchema } from './metagraphSchema.js';
import { type RuntimeCall, readMetagraph } from './readMetagraph.js';
import { U16_MAX_FLOAT } from './units.js';

export interface NeuronAxon {
  ip: string;
  port: number;
  ipType: number;
  version: number;
  protocol: number;
  /** Block it was last served at (0 = never). */
  block: number;
  /** False for 0.0.0.0 (not serving). */
  serving: boolean;
}

export interface MetagraphNeuron {
  uid: number;
  hotkey: string;
  coldkey: string;
  active: boolean;
  validatorPermit: boolean;
  lastUpdate: number;
  blockAtRegistration: number;
  /** rao of the subnet's alpha. */
  alphaStake: bigint;
  /** rao of TAO (root stake). */
  taoStake: bigint;
  /** rao; alpha + tao × TaoWeight, computed by the chain. */
  totalStake: bigint;
  /** alpha rao per tempo. */
  emission: bigint;
  /** u16 fixed-point scores as floats in [0, 1] (x / 65535). */
  trust: number;
  consensus: number;
  incentive: number;
  dividends: number;
  rank: number;
  /** The raw u16 values of the same scores. */
  raw: {
    trust: number;
    consensus: number;
    incentive: number;
    dividends: number;
    rank: number;
    pruningScore: number;
  };
  axon: NeuronAxon;
  /** What this uid set, when read with `weights: true` (empty: it set none). */
  weights?: WeightEntry[];
}

/** What a daemon needs to decide how and when to set weights. */
export interface MetagraphHyperparameters {
  tempo: number;
  weightsRateLimit: number;
  minAllowedWeights: number;
  /** Raw u16 and as a float. */
  maxWeightsLimit: number;
  maxWeightLimit: number;
  commitRevealEnabled: boolean;
  /** Reveal period in epochs. */
  commitRevealPeriod: number;
  weightsVersionKey: bigint;
  activityCutoff: number;
  immunityPeriod: number;
  servingRateLimit: number;
  maxValidators: number;
  maxUids: number;
  registrationAllowed: boolean;
  /** Current burn (registration cost), rao. */
  burn: bigint;
  /** Raw u16 and as a float (kappa / 65535). */
  kappa: number;
  kappaFloat: number;
  rho: number;
}

export interface Metagraph {
  netuid: number;
  name: string;
  symbol: string;
  /** The block the snapshot was read at. */
  block: number;
  ownerHotkey: string;
  ownerColdkey: string;
  networkRegisteredAt: number;
  lastStep: number;
  blocksSinceLastStep: number;
  hyperparameters: MetagraphHyperparameters;
  neurons: MetagraphNeuron[];
}

/**
 * The subnet's metagraph in one runtime-API call (`SubnetInfoRuntimeApi_get_metagraph`), validated
 * and reshaped into one record per uid. Pass `at` (a block hash) for a historical read, and
 * `weights: true` to add each uid's stored weights (one more storage read, at the same block).
 */
export async function getMetagraph(
  client: ChainClient,
  params: { netuid: number; at?: string; weights?: boolean },
): Promise<Metagraph> {
  if (params.weights === true) {
    const at =
      params.at ??
      (await client.request('chain_getBlockHash', (api) => api.rpc.chain.getBlockHash())).toHex();
    const [mg, rows] = await Promise.all([
      getMetagraph(client, { netuid: params.netuid, at }),
      getWeightRows(client, { netuid: params.netuid, at }),
    ]);
    for (const n of mg.neurons) n.weights = rows.get(n.uid) ?? [];
    return mg;
  }
  const fn = client.api.call.subnetInfoRuntimeApi?.getMetagraph;
  if (fn === undefined) {
    throw new ChainDecodeError('this runtime has no SubnetInfoRuntimeApi.get_metagraph', {
      endpoint: client.endpoint,
    });
  }
  // polkadot.js types runtime calls without their metadata, which every decorated call carries.
  const json = await readMetagraph(client, fn as unknown as RuntimeCall, params);
  if (json === null) {
    throw new ChainError('SubnetNotExists', `subnet ${params.netuid} does not exist`, {
      pallet: 'SubtensorModule',
      hint: hintFor('SubnetNotExists'),
      details: { netuid: params.netuid },
    });
  }
  const parsed = metagraphJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new ChainDecodeError('the metagraph from the runtime API has an unexpected shape', {
      netuid: params.netuid,
      issues: parsed.error.issues.slice(0, 5),
    });
  }
  return toMetagraph(parsed.data);
}

export function toMetagraph(m: MetagraphJson): Metagraph {
  const n = m.hotkeys.length;
  const neurons: MetagraphNeuron[] = new Array(n);
  for (let uid = 0; uid < n; uid++) {
    const raw = {
      trust: m.trust[uid] ?? 0,
      consensus: m.consensus[uid] ?? 0,
      incentive: m.incentives[uid] ?? 0,
      dividends: m.dividends[uid] ?? 0,
      rank: m.rank[uid] ?? 0,
      pruningScore: m.pruningScore[uid] ?? 0,
    };
    const a = m.axons[uid];
    const ip = a === undefined ? '0.0.0.0' : decodeIp(a.ip);
    neurons[uid] = {
      uid,
      hotkey: m.hotkeys[uid]!,
      coldkey: m.coldkeys[uid] ?? '',
      active: m.active[uid] ?? false,
      validatorPermit: m.validatorPermit[uid] ?? false,
      lastUpdate: Number(m.lastUpdate[uid] ?? 0n),
      blockAtRegistration: Number(m.blockAtRegistration[uid] ?? 0n),
      alphaStake: m.alphaStake[uid] ?? 0n,
      taoStake: m.taoStake[uid] ?? 0n,
      totalStake: m.totalStake[uid] ?? 0n,
      emission: m.emission[uid] ?? 0n,
      trust: raw.trust / U16_MAX_FLOAT,
      consensus: raw.consensus / U16_MAX_FLOAT,
      incentive: raw.incentive / U16_MAX_FLOAT,
      dividends: raw.dividends / U16_MAX_FLOAT,
      rank: raw.rank / U16_MAX_FLOAT,
      raw,
      axon: {
        ip,
        port: a?.port ?? 0,
        ipType: a?.ipType ?? 0,
        version: a?.version ?? 0,
        protocol: a?.protocol ?? 0,
        block: Number(a?.block ?? 0n),
        serving: ip !== '0.0.0.0' && ip !== '::',
      },
    };
  }
  return {
    netuid: m.netuid,
    name: m.name,
    symbol: m.symbol,
    block: Number(m.block),
    ownerHotkey: m.ownerHotkey,
    ownerColdkey: m.ownerColdkey,
    networkRegisteredAt: Number(m.networkRegisteredAt),
    lastStep: Number(m.lastStep),
    blocksSinceLastStep: Number(m.blocksSinceLastStep),
    hyperparameters: {
      tempo: m.tempo,
      weightsRateLimit: Number(m.weightsRateLimit),
      minAllowedWeights: m.minAllowedWeights,
      maxWeightsLimit: m.maxWeightsLimit,
      maxWeightLimit: m.maxWeightsLimit / U16_MAX_FLOAT,
      commitRevealEnabled: m.commitRevealWeightsEnabled,
      commitRevealPeriod: Number(m.commitRevealPeriod),
      weightsVersionKey: m.weightsVersion,
      activityCutoff: Number(m.activityCutoff),
      immunityPeriod: m.immunityPeriod,
      servingRateLimit: Number(m.servingRateLimit),
      maxValidators: m.maxValidators,
      maxUids: m.maxUids,
      registrationAllowed: m.registrationAllowed,
      burn: m.burn,
      kappa: m.kappa,
      kappaFloat: m.kappa / U16_MAX_FLOAT,
      rho: m.rho,
    },
    neurons,
  };
}
