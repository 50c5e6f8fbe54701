/** Public endpoints of the networks operators name with `--subtensor.network` (same as the Python SDK). */
export const NETWORK_ENDPOINTS: Record<string, string> = {
  finney: 'wss://entrypoint-finney.opentensor.ai:443',
  test: 'wss://test.finney.opentensor.ai:443',
  archive: 'wss://archive.chain.opentensor.ai:443',
  local: 'ws://127.0.0.1:9944',
};

export function resolveEndpoint(network: string, chainEndpoint: string | undefined): string {
  return chainEndpoint ?? NETWORK_ENDPOINTS[network] ?? NETWORK_ENDPOINTS.finney!;
}
