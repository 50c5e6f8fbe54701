/**
 * One table of every flag a daemon accepts: it drives argv parsing, env lookup, validation and `--help`,
 * so a flag cannot exist in one place and be missing from another.
 */
export type OptionKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum';
export type OptionValue = string | number | boolean;

export interface OptionSpec {
  /** Dotted key as operators type it after `--` (bittensor style: `wallet.name`, `neuron.sample_size`). */
  key: string;
  kind: OptionKind;
  description: string;
  default?: OptionValue;
  /** Allowed values for `enum`. */
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Must be given (flag, env or config file); no default makes sense. */
  required?: boolean;
}

/** Env names for a key: `TAONODE_WALLET_NAME` first, then the Python SDK's `BT_WALLET_NAME`. */
export function envNames(key: string): [string, string] {
  const suffix = key.replace(/[.-]/g, '_').toUpperCase();
  return [`TAONODE_${suffix}`, `BT_${suffix}`];
}

export const BASE_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'config',
    kind: 'string',
    description: 'JSON config file (nested or dotted keys); flags and env override it',
  },
  { key: 'netuid', kind: 'integer', min: 0, max: 65535, required: true, description: 'Subnet uid' },
  { key: 'wallet.name', kind: 'string', default: 'default', description: 'Wallet (coldkey) name' },
  { key: 'wallet.hotkey', kind: 'string', default: 'default', description: 'Hotkey name inside the wallet' },
  {
    key: 'wallet.path',
    kind: 'string',
    default: '~/.bittensor/wallets',
    description: 'Folder holding the wallets',
  },
  {
    key: 'subtensor.network',
    kind: 'string',
    default: 'finney',
    description: 'finney, test, archive, local, or a ws(s):// URL; --subtensor.chain_endpoint wins over it',
  },
  {
    key: 'subtensor.chain_endpoint',
    kind: 'string',
    description: 'Websocket endpoint (ws:// or wss://); overrides the network preset',
  },
  {
    key: 'axon.port',
    kind: 'integer',
    default: 8091,
    min: 1,
    max: 65535,
    description: 'Port the axon listens on',
  },
  { key: 'axon.ip', kind: 'string', default: '0.0.0.0', description: 'Address the axon binds to' },
  {
    key: 'axon.external_ip',
    kind: 'string',
    description: 'IP posted on chain (behind NAT/Docker); default: axon.ip',
  },
  {
    key: 'axon.external_port',
    kind: 'integer',
    min: 1,
    max: 65535,
    description: 'Port posted on chain; default: axon.port',
  },
  { key: 'logging.debug', kind: 'boolean', default: false, description: 'Debug logs' },
  { key: 'logging.trace', kind: 'boolean', default: false, description: 'Trace logs (very verbose)' },
  {
    key: 'logging.format',
    kind: 'enum',
    choices: ['auto', 'json', 'pretty'],
    default: 'auto',
    description: 'auto = pretty on a terminal, JSON otherwise',
  },
  {
    key: 'metrics.host',
    kind: 'string',
    default: '127.0.0.1',
    description: 'Address of /healthz and /metrics',
  },
  {
    key: 'metrics.port',
    kind: 'integer',
    default: 9100,
    min: 0,
    max: 65535,
    description: 'Port of /healthz and /metrics (0 = any free port, logged at start)',
  },
  {
    key: 'neuron.state_dir',
    kind: 'string',
    description:
      'Where scores and pending reveals live (default ~/.taonode/state/<wallet>/<hotkey>/netuid<N>/<role>)',
  },
  {
    key: 'neuron.metagraph_refresh_blocks',
    kind: 'integer',
    default: 10,
    min: 1,
    description: 'Refresh the cached metagraph every N blocks',
  },
  {
    key: 'neuron.sample_size',
    kind: 'integer',
    default: 16,
    min: 1,
    description: 'Miners queried per validator step',
  },
  {
    key: 'neuron.moving_average_alpha',
    kind: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    description: 'Weight of a new reward in the per-uid moving average',
  },
  {
    key: 'neuron.timeout',
    kind: 'number',
    default: 12,
    min: 0.1,
    description: 'Dendrite timeout per query (seconds)',
  },
  {
    key: 'neuron.query_concurrency',
    kind: 'integer',
    default: 16,
    min: 1,
    description: 'Most miners queried at once',
  },
  {
    key: 'neuron.step_interval',
    kind: 'number',
    default: 5,
    min: 0,
    description: 'Pause between validator steps (seconds)',
  },
  {
    key: 'neuron.disable_set_weights',
    kind: 'boolean',
    default: false,
    description: 'Score but never set weights',
  },
  {
    key: 'blacklist.min_stake',
    kind: 'number',
    default: 0,
    min: 0,
    description: 'Miner: reject callers with less stake (TAO)',
  },
  {
    key: 'blacklist.force_validator_permit',
    kind: 'boolean',
    default: true,
    description: 'Miner: reject callers without a validator permit',
  },
  {
    key: 'blacklist.allow_non_registered',
    kind: 'boolean',
    default: false,
    description: 'Miner: accept callers not registered on the subnet',
  },
];
