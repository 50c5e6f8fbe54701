import { ChainInputError } from '../errors/chainError.js';

/** Endpoint presets, same names as btcli's `--subtensor.network`. */
export const NETWORKS = {
  finney: 'wss://entrypoint-finney.opentensor.ai:443',
  test: 'wss://test.finney.opentensor.ai:443',
  archive: 'wss://archive.chain.opentensor.ai:443',
  local: 'ws://127.0.0.1:9944',
} as const;

export type NetworkName = keyof typeof NETWORKS;

export interface EndpointSelection {
  /** `--subtensor.network`: a preset name, or a ws(s):// URL as btcli also accepts. */
  network?: string;
  /** `--subtensor.chain_endpoint`: wins over the network. */
  chainEndpoint?: string;
}

/** Picks the websocket URL: explicit endpoint, else the network preset, else finney (btcli's default). */
export function resolveEndpoint(selection: EndpointSelection = {}): { endpoint: string; network: string } {
  const { chainEndpoint, network } = selection;
  if (chainEndpoint !== undefined && chainEndpoint !== '') {
    return { endpoint: checkUrl(chainEndpoint), network: networkOf(chainEndpoint) };
  }
  const name = network ?? 'finney';
  if (/^wss?:\/\//.test(name)) return { endpoint: checkUrl(name), network: networkOf(name) };
  if (!(name in NETWORKS)) {
    throw new ChainInputError(
      `unknown network "${name}"`,
      { network: name },
      `Use one of ${Object.keys(NETWORKS).join(', ')}, or --subtensor.chain_endpoint ws://host:port.`,
    );
  }
  return { endpoint: NETWORKS[name as NetworkName], network: name };
}

function checkUrl(url: string): string {
  if (!/^wss?:\/\/[^\s/]+/.test(url)) {
    throw new ChainInputError(
      `chain endpoint "${url}" is not a websocket URL`,
      { endpoint: url },
      'Use ws://host:port or wss://host:port.',
    );
  }
  return url;
}

function networkOf(url: string): string {
  for (const [name, preset] of Object.entries(NETWORKS)) if (preset === url) return name;
  return /^wss?:\/\/(127\.|localhost|\[::1\])/.test(url) ? 'local' : 'custom';
}
