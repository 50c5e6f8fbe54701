import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChainError } from '../errors/chainError.js';
import { checkForkUrl, fetchForkCode, forkImportStorage } from './fork.js';
import { startLocalnet } from './startLocalnet.js';

// Forking a live network needs internet, which tests do not have; this covers the argument path.
describe('--fork argument path', () => {
  it('accepts ws(s) URLs and refuses anything else with a hint', async () => {
    expect(checkForkUrl('wss://entrypoint-finney.opentensor.ai:443')).toBe(
      'wss://entrypoint-finney.opentensor.ai:443',
    );
    expect(checkForkUrl('ws://127.0.0.1:9944')).toBe('ws://127.0.0.1:9944');
    expect(() => checkForkUrl('https://example.org')).toThrow(/not a websocket URL/);
    const err = await startLocalnet({ fork: 'finney' }).catch((e: unknown) => e as ChainError);
    expect(err).toBeInstanceOf(ChainError);
    expect(err.name).toBe('ChainInputError');
    expect(err.hint).toMatch(/wss:\/\/entrypoint-finney/);
  });

  it('makes Alice a funded sudo on the fork, the caller storage winning', () => {
    const storage = forkImportStorage({ SubtensorModule: { NetworkRateLimit: '0x0000000000000000' } });
    expect(storage).toMatchObject({
      Sudo: { Key: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' },
      SubtensorModule: { NetworkRateLimit: '0x0000000000000000' },
    });
    expect(forkImportStorage({ Sudo: { Key: 'x' } }).Sudo).toEqual({ Key: 'x' });
  });

  it('fails fast with ChainForkError when the node cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await fetchForkCode(`ws://127.0.0.1:${port}`, 20_000).catch((e: unknown) => e as ChainError);
    expect(err.name).toBe('ChainForkError');
    expect(err.hint).toMatch(/internet/);
  });
});
