import type { Command } from 'commander';
import { action, printLine, printNote, UsageError } from '../../io/index.js';
import { parsePort } from '../chain/chainOptions.js';

/** The stand-in's default address when TAONODE_SN21_HUB_URL names none. */
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8800;
/** The stand-in's default write token: a local value, not a secret (it listens on 127.0.0.1). */
const DEFAULT_TOKEN = 'hf_local_standin';

/**
 * Where to listen when no flag says: the host and port of TAONODE_SN21_HUB_URL, the variable the
 * SN21 apps read as `--sn21.hub_url`, so one export points both at the same place (as
 * BT_SUBTENSOR_CHAIN_ENDPOINT does for `localnet start`).
 */
export function hubListenAddress(envUrl: string | undefined): { host: string; port: number } {
  if (envUrl === undefined || envUrl === '') return { host: DEFAULT_HOST, port: DEFAULT_PORT };
  let url: URL;
  try {
    url = new URL(envUrl);
  } catch {
    throw new UsageError(`TAONODE_SN21_HUB_URL=${JSON.stringify(envUrl)} is not a URL; unset it or fix it`);
  }
  if (url.protocol !== 'http:') {
    throw new UsageError(
      `TAONODE_SN21_HUB_URL must be an http:// URL for the stand-in hub, not ${url.protocol}`,
    );
  }
  return { host: url.hostname, port: url.port === '' ? 80 : Number(url.port) };
}

/** `taonode sn21 hub serve`: the demo's stand-in hub, for SN21 daemons on a local chain. */
export function registerSn21HubServe(group: Command): void {
  const hub = group
    .command('hub')
    .description('A stand-in Hugging Face hub for trying SN21 on a local chain');
  hub
    .command('serve')
    .description(
      "Run the demo's stand-in hub (the Hugging Face API parts SN21 uses, every commit kept in memory) until Ctrl-C",
    )
    .option('--host <ip>', `address to listen on (default: TAONODE_SN21_HUB_URL's, else ${DEFAULT_HOST})`)
    .option('--port <port>', `port (default: TAONODE_SN21_HUB_URL's, else ${DEFAULT_PORT})`, parsePort)
    .option('--token <token>', 'the write token uploads must carry (HF_TOKEN of the miner)', DEFAULT_TOKEN)
    .action(
      action(async (opts: { host?: string; port?: number; token: string }) => {
        const fromEnv = hubListenAddress(process.env.TAONODE_SN21_HUB_URL);
        // Loaded only when this command runs, not for every `taonode` call.
        const { startModelHubStandIn } = await import('@taonode/sn21/demo');
        const standIn = await startModelHubStandIn({
          token: opts.token,
          host: opts.host ?? fromEnv.host,
          port: opts.port ?? fromEnv.port,
        });
        printLine(standIn.url);
        printNote(
          'SN21 apps: TAONODE_SN21_HUB_URL (--sn21.hub_url) set to this URL; the miner: HF_TOKEN set to the token',
        );
        await new Promise<void>((done) => {
          process.once('SIGINT', () => done());
          process.once('SIGTERM', () => done());
        });
        await standIn.close();
      }),
    );
}
