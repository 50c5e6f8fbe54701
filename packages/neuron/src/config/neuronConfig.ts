import type { OptionValue } from './options.js';

export type Role = 'miner' | 'validator';

/** The validated configuration every daemon receives; built once by `loadConfig`, then passed down. */
export interface NeuronConfig {
  role: Role;
  netuid: number;
  wallet: { name: string; hotkey: string; path: string };
  /** `local`: the endpoint is a loopback address (a local chain); some defaults differ there. */
  subtensor: { network: string; chainEndpoint: string; local: boolean };
  axon: {
    port: number;
    ip: string;
    externalIp: string | undefined;
    externalPort: number | undefined;
    /** Forwards worked on at once (`--axon.max_workers`); undefined = the axon's default. */
    maxWorkers: number | undefined;
  };
  /** `dir`: also append JSON log lines to `<dir>/<app>.log`. */
  logging: { level: 'info' | 'debug' | 'trace'; format: 'json' | 'pretty'; dir: string | undefined };
  metrics: { host: string; port: number };
  /** The page and JSON API on the metrics port (`@taonode/dashboard`); history in `<stateDir>/dashboard`. */
  dashboard: {
    enabled: boolean;
    tokenFile: string | undefined;
    allowedHosts: string[];
    retentionDays: number;
    maxMib: number;
  };
  neuron: {
    stateDir: string;
    metagraphRefreshBlocks: number;
    sampleSize: number;
    movingAverageAlpha: number;
    timeoutSeconds: number;
    queryConcurrency: number;
    stepIntervalSeconds: number;
    disableSetWeights: boolean;
  };
  /** `minStake` is in alpha (the subnet's stake), after the local-chain default applied. */
  blacklist: {
    minStake: number;
    forceValidatorPermit: boolean;
    allowNonRegistered: boolean;
    disabled: boolean;
  };
  /**
   * Every validated flag by dotted key (raw, untyped): for tools that dump a config. Subnet
   * plug-ins read their own options typed, from `ctx.options`.
   */
  values: Readonly<Record<string, OptionValue | undefined>>;
}
