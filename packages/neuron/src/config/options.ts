/**
 * One table of every flag a daemon accepts: it drives argv parsing, env lookup, validation and `--help`,
 * so a flag cannot exist in one place and be missing from another.
 */
import type { Role } from './neuronConfig.js';

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
  /**
   * The roles it means something to (default both). Another role's app accepts it (one env or config
   * shared by both apps must not break either) but leaves it out of `--help` and warns at start.
   */
  roles?: readonly Role[];
  /** Only where an axon is served (miners, and validators whose plug-in serves one). */
  axon?: boolean;
  /**
   * The default on a local chain (network `local` or a loopback endpoint) when no flag, env var or
   * `--config` file sets it; the app's own default applies everywhere else.
   */
  localDefault?: OptionValue;
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
    axon: true,
  },
  {
    key: 'axon.ip',
    kind: 'string',
    default: '0.0.0.0',
    axon: true,
    description: 'Address the axon binds to',
  },
  {
    key: 'axon.external_ip',
    kind: 'string',
    description: 'IP posted on chain (behind NAT/Docker); default: axon.ip',
    axon: true,
  },
  {
    key: 'axon.external_port',
    kind: 'integer',
    min: 1,
    max: 65535,
    description: 'Port posted on chain; default: axon.port',
    axon: true,
  },
  {
    key: 'axon.max_workers',
    kind: 'integer',
    min: 1,
    max: 1024,
    axon: true,
    description:
      'Requests the axon works on at once; more wait in priority order (the Python SDK thread pool; default 32)',
  },
  {
    key: 'logging.info',
    kind: 'boolean',
    default: false,
    description: 'Info logs (the default level; accepted as the Python SDK spells it)',
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
    key: 'logging.logging_dir',
    kind: 'string',
    description: 'Also append the JSON log lines to <dir>/<app>.log (stdout stays as it is)',
  },
  {
    key: 'logging.record_log',
    kind: 'boolean',
    default: false,
    description: 'Accepted for the Python SDK; file logs are on whenever --logging.logging_dir is given',
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
    key: 'dashboard.enabled',
    kind: 'boolean',
    default: true,
    description: 'Serve the dashboard (/ and /api/v1/…) on the metrics port and keep its history',
  },
  {
    key: 'dashboard.token_file',
    kind: 'string',
    description:
      'File whose first line is the bearer token the dashboard asks for; required when --metrics.host is not loopback',
  },
  {
    key: 'dashboard.allowed_hosts',
    kind: 'string',
    description:
      'Comma list of extra Host names the dashboard answers without a token (a local reverse proxy)',
  },
  {
    key: 'dashboard.retention_days',
    kind: 'number',
    default: 7,
    min: 0.01,
    max: 366,
    description: 'Days of dashboard history kept (in <state dir>/dashboard, across restarts)',
  },
  {
    key: 'dashboard.max_mib',
    kind: 'number',
    default: 64,
    min: 1,
    max: 65536,
    description: 'Most MiB the dashboard history folder may use (oldest dropped first)',
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
    roles: ['validator'],
  },
  {
    key: 'neuron.moving_average_alpha',
    kind: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    description: 'Weight of a new reward in the per-uid moving average',
    roles: ['validator'],
  },
  {
    key: 'neuron.timeout',
    kind: 'number',
    default: 12,
    min: 0.1,
    description: 'Dendrite timeout per query (seconds)',
    roles: ['validator'],
  },
  {
    key: 'neuron.query_concurrency',
    kind: 'integer',
    default: 16,
    min: 1,
    description: 'Most miners queried at once',
    roles: ['validator'],
  },
  {
    key: 'neuron.step_interval',
    kind: 'number',
    default: 5,
    min: 0,
    description: 'Pause between validator steps (seconds)',
    roles: ['validator'],
  },
  {
    key: 'neuron.disable_set_weights',
    kind: 'boolean',
    default: false,
    description: 'Score but never set weights',
    roles: ['validator'],
  },
  {
    key: 'blacklist.min_stake',
    kind: 'number',
    default: 0,
    localDefault: 0,
    min: 0,
    roles: ['miner'],
    description:
      "Miner: reject callers whose stake on this subnet is below this many alpha (the subnet's own token, not TAO)",
  },
  {
    key: 'blacklist.force_validator_permit',
    kind: 'boolean',
    default: true,
    description: 'Miner: reject callers without a validator permit',
    roles: ['miner'],
  },
  {
    key: 'neuron.disable_blacklist',
    kind: 'boolean',
    default: false,
    roles: ['miner'],
    description: 'Miner: answer any caller (skips the registration, permit and stake checks; priority stays)',
  },
  {
    key: 'blacklist.allow_non_registered',
    kind: 'boolean',
    default: false,
    description: 'Miner: accept callers not registered on the subnet',
    roles: ['miner'],
  },
];
