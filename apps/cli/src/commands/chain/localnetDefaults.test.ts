import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCK_TIME_MS, defaultLocalnetPort, LOCAL_NETWORK_PORT } from './localnet.js';

describe('localnet start defaults', () => {
  it("listens where clients look: $BT_SUBTENSOR_CHAIN_ENDPOINT's port on this machine, else the local network's", () => {
    expect(defaultLocalnetPort({})).toEqual({ port: LOCAL_NETWORK_PORT, from: 'the `local` network' });
    expect(LOCAL_NETWORK_PORT).toBe(9944);
    expect(defaultLocalnetPort({ BT_SUBTENSOR_CHAIN_ENDPOINT: 'ws://127.0.0.1:9955' }).port).toBe(9955);
    expect(defaultLocalnetPort({ BT_SUBTENSOR_CHAIN_ENDPOINT: 'ws://localhost:9966/' }).port).toBe(9966);
    // Not this machine, or not a plain ws URL: the clients are not looking for a local chain.
    for (const endpoint of ['wss://entrypoint-finney.opentensor.ai:443', 'ws://10.0.0.2:9944', '']) {
      expect(defaultLocalnetPort({ BT_SUBTENSOR_CHAIN_ENDPOINT: endpoint }).port).toBe(LOCAL_NETWORK_PORT);
    }
  });

  it('builds blocks on its own by default', () => {
    expect(DEFAULT_BLOCK_TIME_MS).toBeGreaterThan(0);
  });
});
