import type { Commitment } from '@taonode/chain';
import type { Logger } from 'pino';
import type { NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { Figures } from '../events/neuronEvents.js';
import type { PluginState } from '../state/stateStore.js';

/**
 * The chain as a plug-in sees it: bound to this daemon's netuid and hotkey. Reads go through the
 * runtime's client (reconnecting, typed errors); the metagraph is the runtime's cached copy.
 */
export interface PluginChain {
  /** This daemon's hotkey (ss58). */
  readonly hotkey: string;
  /** Signs with the hotkey (e.g. an API's signed credentials); the coldkey is never loaded. */
  sign(message: Uint8Array | string): Uint8Array;
  block(): Promise<number>;
  blockHash(block?: number): Promise<string>;
  /** A block's hash and its `Timestamp.set` time in ms (chain time, e.g. to date a commitment). */
  blockTime(block: number): Promise<{ hash: string; timestampMs: number }>;
  /** The cached metagraph, refreshed every `--neuron.metagraph_refresh_blocks` blocks. */
  metagraph(): Promise<NeuronMetagraph>;
  /** A hotkey's commitment on this subnet (default: this daemon's own). */
  commitment(hotkey?: string): Promise<Commitment | undefined>;
  /** Every commitment on this subnet. */
  commitments(): Promise<Commitment[]>;
  /** Commits `data` with this daemon's hotkey. */
  setCommitment(data: string | Uint8Array): Promise<{ blockHash: string }>;
  /** Free balance in rao (default: this daemon's hotkey). */
  balance(address?: string): Promise<bigint>;
}

/** What every plug-in hook is given. `O` is the subnet's typed options (`OptionsOf<typeof schema>`). */
export interface PluginContext<O = unknown> {
  config: NeuronConfig;
  /** The subnet's own options, typed, as declared once with `defineOptions`. */
  options: O;
  logger: Logger;
  /** Aborted when the daemon stops. */
  signal: AbortSignal;
  chain: PluginChain;
  /** Typed, crash-safe slots in the daemon's state file, and the state folder for bigger files. */
  state: PluginState;
  /** Numbers and flags the plug-in publishes for dashboards (`figures.add('proofs_made')`). */
  figures: Figures;
  /**
   * The environment the daemon started with, for secrets that must never be flags (API keys show
   * in `ps` and pm2 listings otherwise). Options come from `options`, not from here.
   */
  env: Readonly<Record<string, string | undefined>>;
}
