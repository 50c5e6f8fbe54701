import type { Keypair } from '@taonode/wallet';
import type { Logger } from 'pino';
import type { ChainPort } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronEventMap } from '../events/neuronEvents.js';
import type { CallerVerdict } from '../miner/callerPolicy.js';

/** The runtime's guards in a transport-neutral shape; the axon port turns them into axon hooks. */
export interface CallerGuards {
  judge(hotkey: string | undefined): CallerVerdict;
  priority(hotkey: string | undefined): number;
  /** The caller's uid on the subnet, for request events. */
  uidOf?(hotkey: string): number | undefined;
}

export interface AxonHandle<A, G> {
  axon: A;
  /** `guards` in the axon's own hook shape, for plug-ins to spread into `axon.attach`. */
  hooks: G;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** What connecting to the chain needs: where, who signs, and whom to tell about the connection. */
export interface ConnectChainArgs {
  endpoint: string;
  signer: Keypair;
  config: NeuronConfig;
  logger: Logger;
  onConnection: (connected: boolean) => void;
  /** Stops the retries of a node that is not up yet. */
  signal?: AbortSignal;
}

/**
 * The outside world of a daemon: chain, axon and dendrite. `defaultRuntime` maps these onto
 * @taonode/chain and @taonode/transport; tests may pass fakes.
 */
export interface RuntimePorts<A, G, D> {
  connectChain(args: ConnectChainArgs): Promise<ChainPort>;
  createAxon(args: {
    signer: Keypair;
    config: NeuronConfig;
    logger: Logger;
    guards: CallerGuards;
    /** Called once per response on an attached synapse (answered, blacklisted or failed, whatever the cause). */
    onRequest?: (event: NeuronEventMap['request']) => void;
  }): AxonHandle<A, G>;
  createDendrite(args: { signer: Keypair; config: NeuronConfig; logger: Logger }): D;
}
