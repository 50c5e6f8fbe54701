import { describe, expect, it } from 'vitest';
import { ChainInputError } from '../errors/chainError.js';
import { NETWORKS, resolveEndpoint } from './networks.js';

describe('resolveEndpoint (--subtensor.network / --subtensor.chain_endpoint)', () => {
  it('maps the btcli network names to their endpoints, finney by default', () => {
    expect(resolveEndpoint()).toEqual({ endpoint: NETWORKS.finney, network: 'finney' });
    expect(resolveEndpoint({ network: 'finney' }).endpoint).toBe('wss://entrypoint-finney.opentensor.ai:443');
    expect(resolveEndpoint({ network: 'test' }).endpoint).toBe('wss://test.finney.opentensor.ai:443');
    expect(resolveEndpoint({ network: 'local' })).toEqual({
      endpoint: 'ws://127.0.0.1:9944',
      network: 'local',
    });
  });

  it('takes a ws URL as the network or as the endpoint, the endpoint winning', () => {
    expect(resolveEndpoint({ network: 'ws://127.0.0.1:4000' })).toEqual({
      endpoint: 'ws://127.0.0.1:4000',
      network: 'local',
    });
    expect(resolveEndpoint({ network: 'test', chainEndpoint: 'wss://node.example:443' })).toEqual({
      endpoint: 'wss://node.example:443',
      network: 'custom',
    });
    expect(resolveEndpoint({ chainEndpoint: NETWORKS.test }).network).toBe('test');
  });

  it('refuses unknown names and non-websocket URLs with a hint', () => {
    expect(() => resolveEndpoint({ network: 'mainnet' })).toThrow(ChainInputError);
    try {
      resolveEndpoint({ network: 'mainnet' });
    } catch (e) {
      expect((e as ChainInputError).hint).toMatch(/finney, test, archive, local/);
    }
    expect(() => resolveEndpoint({ chainEndpoint: 'http://127.0.0.1:9944' })).toThrow(/not a websocket URL/);
  });
});
