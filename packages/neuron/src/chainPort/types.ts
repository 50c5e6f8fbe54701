import { type ChainClient, ChainError, type Commitment } from '@taonode/chain';

/**
 * The narrow view of the chain the daemons need. `createChainPort` maps @taonode/chain onto it; tests
 * can hand in a fake. Keeping it small is what lets the miner and validator loops be tested alone.
 */
export interface AxonEndpoint {
  ip: string;
  port: number;
  ipType: number;
  version: number;
  hotkey: string;
}

export interface NeuronMetagraph {
  netuid: number;
  block: number;
  hotkeys: string[];
  /** Total stake per uid on this subnet, in alpha (the subnet token; rao / 1e9 as the chain reports it). */
  stake: number[];
  validatorPermit: boolean[];
  axons: AxonEndpoint[];
  lastUpdate: number[];
  tempo: number;
  weightsRateLimit: number;
  commitRevealEnabled: boolean;
  weightsVersion: number;
  /** The subnet owner's hotkey (SubnetInfo), when the chain reports one. */
  ownerHotkey?: string;
}

export type WeightsOutcome =
  | { kind: 'set'; block: number }
  | { kind: 'committed'; block: number }
  | { kind: 'skipped'; reason: string };

export interface ChainPort {
  /** Calls `onBlock` for each new best block; returns the unsubscribe function. Survives reconnects. */
  subscribeBlocks(onBlock: (block: number) => void): Promise<() => void>;
  blockNumber(): Promise<number>;
  metagraph(netuid: number): Promise<NeuronMetagraph>;
  /** Posts axon info unless the chain already holds the same; returns what it did. */
  serveAxon(args: { netuid: number; ip: string; port: number }): Promise<'served' | 'unchanged'>;
  /** set_weights or commit-reveal, picked from the subnet's hyperparameters by @taonode/chain. */
  submitWeights(args: {
    netuid: number;
    uids: number[];
    weights: number[];
    versionKey: number;
  }): Promise<WeightsOutcome>;
  /** Reveals due commits (commit-reveal subnets); a no-op elsewhere. */
  revealDue?(args: { netuid: number }): Promise<number>;
  /** The hash of block `block` (default: the best block), 0x-hex. */
  blockHash?(block?: number): Promise<string>;
  /** A hotkey's commitment on `netuid` (Commitments pallet), undefined when it never committed. */
  commitment?(args: { netuid: number; hotkey: string }): Promise<Commitment | undefined>;
  /** Every commitment on `netuid`. */
  commitments?(netuid: number): Promise<Commitment[]>;
  /** Commits `data` with this daemon's hotkey (fee-free; rate limited by the chain). */
  setCommitment?(args: { netuid: number; data: string | Uint8Array }): Promise<{ blockHash: string }>;
  /** Free balance of an address, in rao. */
  balance?(address: string): Promise<bigint>;
  /** The underlying client, for what the port does not cover (undefined with a test fake). */
  readonly client?: ChainClient;
  isConnected(): boolean;
  close(): Promise<void>;
}

const UNKNOWN_OUTCOME = new Set(['ChainDisconnectedError', 'ChainTimeoutError', 'ChainUnreachableError']);

/**
 * The runtime's error name when the chain said no (e.g. `SettingWeightsTooFast`): the outcome is
 * known and a later retry is safe. Undefined when the outcome is unknown (socket dropped, timeout).
 */
export function chainErrorName(error: unknown): string | undefined {
  if (error instanceof ChainError) return UNKNOWN_OUTCOME.has(error.name) ? undefined : error.name;
  return undefined;
}
