import { z } from 'zod';

/** u64/u128: a bigint (plain decoder), or from polkadot.js JSON a number, hex or decimal string. */
export const big = z.union([z.bigint(), z.number(), z.string()]).transform((v) => BigInt(v));
const int = z.number().int();
const bool = z.boolean();
const text = z.array(int).transform((bytes) => Buffer.from(bytes).toString('utf8'));

const axon = z.object({
  block: big,
  version: int,
  ip: big,
  port: int,
  ipType: int,
  protocol: int,
});

/** The `Metagraph` runtime-API struct as polkadot.js renders it to JSON (spec §3.9). */
export const metagraphJsonSchema = z.object({
  netuid: int,
  name: text,
  symbol: text,
  networkRegisteredAt: big,
  ownerHotkey: z.string(),
  ownerColdkey: z.string(),
  block: big,
  tempo: int,
  lastStep: big,
  blocksSinceLastStep: big,
  rho: int,
  kappa: int,
  minAllowedWeights: int,
  maxWeightsLimit: int,
  weightsVersion: big,
  weightsRateLimit: big,
  activityCutoff: big,
  maxValidators: int,
  numUids: int,
  maxUids: int,
  burn: big,
  registrationAllowed: bool,
  immunityPeriod: int,
  servingRateLimit: big,
  commitRevealWeightsEnabled: bool,
  commitRevealPeriod: big,
  hotkeys: z.array(z.string()),
  coldkeys: z.array(z.string()),
  axons: z.array(axon),
  active: z.array(bool),
  validatorPermit: z.array(bool),
  pruningScore: z.array(int),
  lastUpdate: z.array(big),
  emission: z.array(big),
  dividends: z.array(int),
  incentives: z.array(int),
  consensus: z.array(int),
  trust: z.array(int),
  rank: z.array(int),
  blockAtRegistration: z.array(big),
  alphaStake: z.array(big),
  taoStake: z.array(big),
  totalStake: z.array(big),
});

export type MetagraphJson = z.infer<typeof metagraphJsonSchema>;
