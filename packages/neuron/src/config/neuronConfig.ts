import type { OptionValue } from './options.js';

export type Role = 'miner' | 'validator';

/** The validated configuration every daemon receives; built once by `loadConfig`, then passed down. */
export interface NeuronConfig {
  role: Role;
  netuid: number;
  wallet: { name: string; hotkey: string; path: string };
  subtensor: { network: string; chainEndpoint: string };
  axon: { port: number; ip: string; externalIp: string | undefined; externalPort: number | undefined };
  logging: { level: 'info' | 'debug' | 'trace'; format: 'json' | 'pretty' };
  metrics: { host: string; port: number };
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
  blacklist: { minStake: number; forceValidatorPermit: boolean; allowNonRegistered: boolean };
  /** Every validated option by dotted key, including the subnet's own `neuron.*` options. */
  values: Readonly<Record<string, OptionValue | undefined>>;
}
