import { ChainError, ChainInputError } from '../errors/chainError.js';

type HexString = `0x${string}`;
const CODE_KEY = '0x3a636f6465';
/** //Alice, the dev sudo the local-chain helpers sign with. */
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** `--fork` takes a live node's websocket URL; anything else is refused before touching the network. */
export function checkForkUrl(url: string): string {
  if (!/^wss?:\/\/[^\s/]+/.test(url)) {
    throw new ChainInputError(
      `--fork "${url}" is not a websocket URL`,
      { fork: url },
      'Pass a live node, e.g. --fork wss://entrypoint-finney.opentensor.ai:443 (or wss://test.finney.opentensor.ai:443).',
    );
  }
  return url;
}

/**
 * Storage written on top of a fork so the local helpers (createSubnet, fund) work as on the dev
 * chain: Alice becomes sudo and holds 1,000,000 TAO. The caller's own import-storage wins.
 */
export function forkImportStorage(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Sudo: { Key: ALICE },
    System: { Account: [[[ALICE], { providers: 1, data: { free: '1000000000000000' } }]] },
    ...extra,
  };
}

/** Reads `:code` of a live chain so the slot workaround can be primed before chopsticks forks it. */
export async function fetchForkCode(endpoint: string, timeoutMs = 30_000): Promise<HexString> {
  const { WsProvider } = await import('@polkadot/rpc-provider');
  const provider = new WsProvider(endpoint, false);
  let timer: NodeJS.Timeout | undefined;
  try {
    // Without auto-reconnect a refused socket only emits 'error'; isReady would wait forever.
    const failed = new Promise<never>((_, reject) => {
      provider.on('error', (e: unknown) => reject(e instanceof Error ? e : new Error('connection refused')));
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    await Promise.race([provider.connect().then(() => provider.isReady), failed]);
    return (await Promise.race([provider.send('state_getStorage', [CODE_KEY]), failed])) as HexString;
  } catch (error) {
    throw new ChainError(
      'ChainForkError',
      `cannot read the runtime of ${endpoint}: ${(error as Error).message}`,
      {
        hint: 'Forking needs internet access to a live node; check the URL (wss://…) and the connection.',
        details: { fork: endpoint },
      },
    );
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    await provider.disconnect().catch(() => undefined);
  }
}
