import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChainTimeoutError, ChainUnreachableError } from '../errors/chainError.js';
import { connect, connectFailureReason, mapError } from './connect.js';

/** A 127.0.0.1 port that nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connect to an endpoint nobody serves', () => {
  it('fails at once with ChainUnreachableError naming the endpoint, the reason and what to do', async () => {
    const endpoint = `ws://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const error = await connect({ chainEndpoint: endpoint, connectTimeoutMs: 20_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChainUnreachableError);
    const e = error as ChainUnreachableError;
    expect(e.name).toBe('ChainUnreachableError');
    expect(e.message).toContain(endpoint);
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(e.message).not.toContain('[object Object]');
    expect(e.hint).toContain('--subtensor.chain_endpoint');
    expect(e.hint).toContain('taonode localnet start');
    expect(e.details).toMatchObject({ endpoint, network: 'local' });
    // A refusal is final: no waiting for the connect timeout, no retry loop.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up after connectTimeoutMs when the handshake never completes', async () => {
    // A TCP server that accepts and never speaks websocket.
    const sockets = new Set<Socket>();
    const server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const error = await connect({ chainEndpoint: `ws://127.0.0.1:${port}`, connectTimeoutMs: 1_500 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ChainUnreachableError);
      expect((error as Error).message).toMatch(/no answer within 1500 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('connectFailureReason', () => {
  it('reads the message of a websocket ErrorEvent, its inner error, or falls back', () => {
    expect(connectFailureReason({ message: 'connect ECONNREFUSED 127.0.0.1:9' })).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
    expect(connectFailureReason({ message: '', error: new Error('getaddrinfo ENOTFOUND nowhere') })).toBe(
      'getaddrinfo ENOTFOUND nowhere',
    );
    expect(connectFailureReason({})).toBe('the websocket failed to open');
    expect(connectFailureReason(undefined)).toBe('the websocket failed to open');
  });
});

describe('mapError', () => {
  it("names the call and the provider's own limit when polkadot.js gives up on a request", () => {
    const error = mapError(
      new Error('No response received from RPC endpoint in 30s'),
      'ws://127.0.0.1:9944',
      'dev_newBlock',
    );
    expect(error).toBeInstanceOf(ChainTimeoutError);
    expect(error.message).toBe('dev_newBlock did not answer within 30000 ms');
    expect((error as ChainTimeoutError).details).toMatchObject({ timeoutMs: 30_000, what: 'dev_newBlock' });
  });

  it('keeps typed errors and maps socket drops', () => {
    const typed = new ChainUnreachableError('ws://x', 'nope');
    expect(mapError(typed, 'ws://x')).toBe(typed);
    expect(mapError(new Error('disconnected from ws://x: 1006:: Abnormal Closure'), 'ws://x').name).toBe(
      'ChainDisconnectedError',
    );
  });
});
