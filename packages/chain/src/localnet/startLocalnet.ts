import http from 'node:http';
import type { Socket } from 'node:net';
import { bnToHex, hexToU8a, u8aToBn } from '@polkadot/util';
import { ChainError } from '../errors/chainError.js';
import type { RawChainSpec } from './chainSpec.js';
import { type ResolveChainSpecOptions, resolveChainSpec } from './chainSpec.js';
import { checkForkUrl, fetchForkCode, forkImportStorage } from './fork.js';
import { buildRawSpec, type RunTask } from './genesisBuilder.js';
import { loadChopsticks } from './loadChopsticks.js';

type HexString = `0x${string}`;
const CODE_KEY = '0x3a636f6465';
/** twox128("Timestamp") ‖ twox128("Now") */
const TIMESTAMP_NOW_KEY = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb';

export type BlockMode = 'Instant' | 'Manual' | 'Batch';

export interface StartLocalnetOptions extends ResolveChainSpecOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** Instant (default): one block per submitted transaction. Manual: only on dev_newBlock. */
  blockMode?: BlockMode;
  /** Build a block every this many ms as well (0/undefined = never), so epochs advance on their own. */
  blockTimeMs?: number;
  /**
   * Fork a live network (ws(s):// URL) instead of booting the chain spec; needs internet. Alice is
   * made sudo and funded on the fork so the helpers work.
   */
  fork?: string;
  /** Storage to set at start, chopsticks `import-storage` shape; mind that falsy values delete keys. */
  importStorage?: Record<string, unknown>;
  /** chopsticks' log level (default "fatal"); read when chopsticks is first loaded. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface Localnet {
  /** ws://host:port */
  readonly url: string;
  readonly port: number;
  /** Where the genesis came from (path or fork URL). */
  readonly source: string;
  readonly specVersion: number;
  close(): Promise<void>;
}

/**
 * Runs the subtensor runtime inside chopsticks, in this process, on 127.0.0.1. Applies the two
 * workarounds spec 293 needs (local-chain.md): the Aura slot duration has to be computed with
 * unresolved imports allowed and primed into chopsticks' memo, and genesis needs a Timestamp.Now
 * aligned to a slot or block #1 may straddle a slot boundary.
 */
export async function startLocalnet(options: StartLocalnetOptions = {}): Promise<Localnet> {
  if (options.fork !== undefined) checkForkUrl(options.fork);
  const chopsticks = await loadChopsticks(options.logLevel);
  const runTask = chopsticks.runTask as unknown as RunTask;
  const host = options.host ?? '127.0.0.1';

  let genesis: RawChainSpec | undefined;
  let source: string;
  let wasm: HexString;
  if (options.fork !== undefined) {
    source = options.fork;
    wasm = await fetchForkCode(source);
  } else {
    const resolved = await resolveChainSpec(options);
    source = resolved.path;
    genesis =
      resolved.parsed.kind === 'raw'
        ? resolved.parsed.spec
        : await buildRawSpec(resolved.parsed.spec, runTask);
    // chopsticks keeps a reference; copy so the caller's object and repeated starts stay clean.
    genesis = { ...genesis, genesis: { raw: { top: { ...genesis.genesis.raw.top } } } };
    const code = genesis.genesis.raw.top[CODE_KEY];
    if (code === undefined) throw new ChainError('ChainSpecError', `${source} has no :code in its genesis`);
    wasm = code as HexString;
  }

  const slotMs = await primeSlotDuration(chopsticks, runTask, wasm);
  if (genesis !== undefined) {
    const top = genesis.genesis.raw.top;
    top[TIMESTAMP_NOW_KEY] ??= bnToHex(Math.floor(Date.now() / slotMs) * slotMs, {
      bitLength: 64,
      isLe: true,
    });
  }

  const sockets = new Set<Socket>();
  const server = await trackingSockets(sockets, () =>
    chopsticks.setupWithServer({
      ...(genesis === undefined ? { endpoint: options.fork } : { genesis: genesis as never }),
      host,
      port: options.port ?? 0,
      'build-block-mode': (options.blockMode ?? 'Instant') as never,
      'allow-unresolved-imports': true,
      'runtime-log-level': 0,
      ...importStorage(options),
    } as Parameters<typeof chopsticks.setupWithServer>[0]),
  );

  const chain = server.chain;
  const specVersion = (await chain.head.runtimeVersion).specVersion;
  let timer: NodeJS.Timeout | undefined;
  if (options.blockTimeMs !== undefined && options.blockTimeMs > 0) {
    let building = false;
    timer = setInterval(() => {
      if (building) return;
      building = true;
      chain
        .newBlock()
        .catch(() => undefined)
        .finally(() => {
          building = false;
        });
    }, options.blockTimeMs);
    timer.unref();
  }
  const port = Number(String(server.addr).split(':').pop());
  if (options.port !== undefined && options.port !== 0 && port !== options.port) {
    // chopsticks quietly moves to the next free port; a caller asking for one port wants that one.
    await server.close();
    for (const socket of sockets) socket.destroy();
    throw new ChainError('LocalnetPortInUse', `port ${options.port} is in use`, {
      hint: 'Pick another --port, or stop what is listening there.',
      details: { port: options.port },
    });
  }
  let closed: Promise<void> | undefined;
  openLocalnets += 1;
  return {
    url: `ws://${server.addr}`,
    port,
    source,
    specVersion,
    close() {
      if (timer !== undefined) clearInterval(timer);
      closed ??= server.close().finally(async () => {
        // chopsticks' close leaves upgraded websocket connections open; a stopped node must drop them.
        for (const socket of sockets) socket.destroy();
        // Its WASM executor is one worker thread per process; it keeps the process alive until stopped.
        openLocalnets -= 1;
        if (openLocalnets === 0) await chopsticks.destroyWorker().catch(() => undefined);
      });
      return closed;
    },
  };
}

let openLocalnets = 0;

type Chopsticks = Awaited<ReturnType<typeof loadChopsticks>>;

/**
 * chopsticks does not expose its http server, and its close() leaves websocket connections alive.
 * Watch servers created while it starts (synchronously patched, restored in finally) to collect
 * their sockets, so close() can drop clients the way a stopped node would.
 */
async function trackingSockets<T>(sockets: Set<Socket>, start: () => Promise<T>): Promise<T> {
  const original = http.createServer;
  const patched = ((...args: Parameters<typeof http.createServer>) => {
    const server = original(...args);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    return server;
  }) as typeof http.createServer;
  http.createServer = patched;
  try {
    return await start();
  } finally {
    if (http.createServer === patched) http.createServer = original;
  }
}

async function primeSlotDuration(chopsticks: Chopsticks, runTask: RunTask, wasm: HexString): Promise<number> {
  const res = await runTask(
    {
      wasm,
      calls: [['AuraApi_slot_duration', []]],
      mockSignatureHost: false,
      allowUnresolvedImports: true,
      runtimeLogLevel: 0,
    },
    {
      getStorage: async () => undefined,
      getNextKey: async () => undefined,
      offchainGetStorage: async () => undefined,
      offchainTimestamp: async () => Date.now(),
      offchainRandomSeed: async () => '0x',
      offchainSubmitTransaction: async () => false,
    },
  );
  if ('Error' in res) return 12_000; // not an Aura runtime: chopsticks' own default applies
  const slotMs = u8aToBn(hexToU8a(res.Call.result).subarray(0, 8)).toNumber();
  chopsticks.getAuraSlotDuration.cache.set(wasm, Promise.resolve(slotMs));
  return slotMs;
}

/** chopsticks `import-storage`: the caller's, plus Alice as funded sudo on a fork. */
function importStorage(options: StartLocalnetOptions): { 'import-storage'?: never } {
  const storage =
    options.fork === undefined ? options.importStorage : forkImportStorage(options.importStorage);
  return storage === undefined ? {} : { 'import-storage': storage as never };
}
