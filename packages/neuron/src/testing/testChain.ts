import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainClient, connect, type Localnet, startLocalnet } from '@taonode/chain';
import type { DaemonProcess } from './daemonProcess.js';

export interface TestChain {
  /** A temp folder for the file's wallets, state and logs; removed by `close`. */
  workDir: string;
  /** Daemons to stop on `close` (push them as they are made). */
  daemons: DaemonProcess[];
  /** Valid after `start`. */
  localnet: Localnet;
  client: ChainClient;
  /** The real subtensor runtime in chopsticks, a block per second, and a client on it. */
  start(): Promise<void>;
  /** Stops the daemons, then the client and the chain, and removes the work folder. */
  close(): Promise<void>;
}

/** One local chain per test file (tests are slow enough already): what every end-to-end test sets up. */
export function testChain(prefix: string): TestChain {
  let localnet: Localnet | undefined;
  let client: ChainClient | undefined;
  const chain: TestChain = {
    workDir: mkdtempSync(join(tmpdir(), prefix)),
    daemons: [],
    get localnet() {
      if (!localnet) throw new Error('testChain: start() first');
      return localnet;
    },
    get client() {
      if (!client) throw new Error('testChain: start() first');
      return client;
    },
    async start() {
      localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
      client = await connect({ chainEndpoint: localnet.url });
    },
    async close() {
      await Promise.all(chain.daemons.map((d) => d.stop()));
      await client?.close();
      await localnet?.close();
      await rm(chain.workDir, { recursive: true, force: true });
    },
  };
  return chain;
}
