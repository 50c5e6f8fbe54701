import {
  ChainError,
  type CreatedSubnet,
  checkForkUrl,
  createSubnet,
  formatTao,
  fundAccount,
  headNumber,
  isValidAddress,
  newBlocks,
  setHead,
  startLocalnet,
  taoToRao,
} from '@taonode/chain';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  action,
  addWalletOptions,
  CliError,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  type WalletFlags,
} from '../../io/index.js';
import {
  addChainOptions,
  type ChainFlags,
  parseCount,
  parsePort,
  toCliError,
  withChain,
} from './chainOptions.js';

/** Where `--subtensor.network local` looks, so a chain started with no flags is found with that one. */
export const LOCAL_NETWORK_PORT = 9944;
/**
 * Blocks every 2 s unless told otherwise: epochs (tempo 10 here) then pass every ~22 s, so permits,
 * emissions and weights happen on their own, and a 2-core machine keeps time for the daemons.
 */
export const DEFAULT_BLOCK_TIME_MS = 2_000;

/**
 * The port `localnet start` listens on without `--port`: the one clients will use, i.e. that of
 * $BT_SUBTENSOR_CHAIN_ENDPOINT when it names this machine (ws://127.0.0.1:P), else 9944.
 */
export function defaultLocalnetPort(env: NodeJS.ProcessEnv = process.env): { port: number; from: string } {
  const endpoint = env.BT_SUBTENSOR_CHAIN_ENDPOINT ?? '';
  const local = /^ws:\/\/(?:127\.0\.0\.1|localhost):(\d{1,5})\/?$/.exec(endpoint);
  if (local !== null) return { port: Number(local[1]), from: '$BT_SUBTENSOR_CHAIN_ENDPOINT' };
  return { port: LOCAL_NETWORK_PORT, from: 'the `local` network' };
}

interface StartFlags {
  port?: number;
  host?: string;
  subnets?: number;
  blockTime?: number;
  chainSpec?: string;
  fork?: string;
  json?: boolean;
}

/** `taonode localnet start|advance|revert|fund`. */
export function registerLocalnetCommands(program: Command): void {
  const localnet = program
    .command('localnet')
    .description('Run the real subtensor runtime locally (chopsticks) and drive it');

  localnet
    .command('start')
    .description('Start a local chain on 127.0.0.1 and run until Ctrl-C')
    .option(
      '--port <port>',
      `port to listen on; 0 = any free one (default: the port of $BT_SUBTENSOR_CHAIN_ENDPOINT if it is ws://127.0.0.1:P, else ${LOCAL_NETWORK_PORT}, where --subtensor.network local looks)`,
      parsePortOrZero,
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--subnets <n>',
      'create this many test subnets (owner //Alice, test-friendly limits)',
      parseCount,
      0,
    )
    .option(
      '--block-time <ms>',
      'build a block every <ms>, so epochs pass on their own (0 = only a block per transaction and on `localnet advance`)',
      parseCount,
      DEFAULT_BLOCK_TIME_MS,
    )
    .addOption(
      new Option(
        '--chain-spec <file>',
        'chain spec JSON, raw or not (default: $TAONODE_CHAIN_SPEC, the shared spec 293)',
      ).conflicts('fork'),
    )
    .option(
      '--fork <url>',
      'fork a live network instead, e.g. wss://entrypoint-finney.opentensor.ai:443 (needs internet)',
      parseForkUrl,
    )
    .option('--json', 'print {"url":…,"port":…,"subnets":[…]} once ready')
    .action(
      action(async (opts: StartFlags) => {
        const started = Date.now();
        const fallback = defaultLocalnetPort();
        const port = opts.port ?? fallback.port;
        const blockTimeMs = opts.blockTime ?? DEFAULT_BLOCK_TIME_MS;
        warnIfClientsLookElsewhere();
        let ln: Awaited<ReturnType<typeof startLocalnet>>;
        try {
          ln = await startLocalnet({
            port,
            ...(opts.host === undefined ? {} : { host: opts.host }),
            ...(opts.chainSpec === undefined ? {} : { chainSpec: opts.chainSpec }),
            ...(opts.fork === undefined ? {} : { fork: opts.fork }),
            blockTimeMs,
            onNotice: (m) => printNote(m),
          });
        } catch (error) {
          if (error instanceof ChainError && error.name === 'LocalnetPortInUse') {
            throw new CliError(
              `port ${port} is in use${opts.port === undefined ? ` (from ${fallback.from})` : ''}`,
              {
                code: error.name,
                hint: `another local chain may be running there; stop it, or pick a port with --port P and point every command and daemon at it with BT_SUBTENSOR_CHAIN_ENDPOINT=ws://127.0.0.1:P`,
                cause: error,
              },
            );
          }
          throw toCliError(error);
        }
        const subnets: CreatedSubnet[] = [];
        try {
          if ((opts.subnets ?? 0) > 0) {
            await withChain({ 'subtensor.chain_endpoint': ln.url }, async (client) => {
              for (let i = 0; i < (opts.subnets ?? 0); i++) subnets.push(await createSubnet(client));
            });
          }
        } catch (error) {
          await ln.close();
          throw error;
        }
        if (opts.json) {
          printJson({
            url: ln.url,
            port: ln.port,
            specVersion: ln.specVersion,
            subnets: subnets.map((s) => s.netuid),
          });
        } else {
          printLine(ln.url);
          printNote(
            `local subtensor (spec ${ln.specVersion}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s from ${ln.source}`,
          );
          if (subnets.length > 0) printNote(`test subnets: ${subnets.map((s) => s.netuid).join(', ')}`);
          printNote(
            blockTimeMs > 0
              ? `a block every ${blockTimeMs / 1000} s, plus one per transaction (--block-time 0: only those and \`localnet advance\`)`
              : 'a block per transaction and on `localnet advance` only (--block-time 0)',
          );
          printNote('funded dev accounts: //Alice //Bob //Charlie (1,000,000 TAO each); Ctrl-C stops');
        }
        await untilSignal();
        await ln.close();
        printNote('local chain stopped');
      }),
    );

  addChainOptions(
    localnet.command('advance').description('Build blocks on a local chain (chopsticks dev_newBlock)'),
    { network: 'local' },
  )
    .option('--blocks <n>', 'how many blocks', parseCount, 1)
    .option('--json', 'print {"head":N} (progress still goes to stderr)')
    .action(
      action(async (opts: ChainFlags & { blocks: number; json?: boolean }) => {
        const started = Date.now();
        // About ten progress lines whatever the count: each block takes ~1 s, 100 take minutes.
        const every = Math.max(1, Math.ceil(opts.blocks / 10));
        const head = await withChain(
          opts,
          (client) =>
            newBlocks(client, opts.blocks, {
              onProgress: (built, now) => {
                if (built % every === 0 && built < opts.blocks) {
                  printNote(
                    `built ${built}/${opts.blocks} blocks, head #${now} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
                  );
                }
              },
            }),
          { network: 'local' },
        );
        if (opts.json) printJson({ head });
        else
          printLine(
            `head is now #${head} (${opts.blocks} blocks in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
      }),
    );

  addChainOptions(
    localnet
      .command('revert')
      .description('Move the head of a local chain back to an earlier block (chopsticks dev_setHead)'),
    { network: 'local' },
  )
    .requiredOption('--block <n>', 'block number to make the head again', parseCount)
    .option('--json', 'print {"head":N}')
    .action(
      action(async (opts: ChainFlags & { block: number; json?: boolean }) => {
        const head = await withChain(
          opts,
          async (client) => {
            await setHead(client, opts.block);
            return headNumber(client);
          },
          { network: 'local' },
        );
        if (opts.json) printJson({ head });
        else printLine(`head is now #${head}`);
      }),
    );

  addChainOptions(
    addWalletOptions(
      localnet
        .command('fund')
        .description(
          "Set an account's free balance on a local chain (chopsticks dev_setStorage): --dest, or the wallet's coldkey",
        ),
      { hotkey: false },
    ),
    { network: 'local' },
  )
    .option('--dest <ss58>', "account to fund (default: the wallet's coldkey, read from coldkeypub.txt)")
    .requiredOption('--amount <tao>', 'new free balance in TAO')
    .option('--json', 'print {"dest":…,"free":"<rao>"}')
    .action(
      action(async (opts: ChainFlags & WalletFlags & { dest?: string; amount: string; json?: boolean }) => {
        const rao = taoOrUsage(opts.amount);
        const dest = opts.dest ?? (await loadWalletFromOptions(opts).getColdkeypub()).ss58Address;
        if (!isValidAddress(dest)) throw new UsageError(`--dest: "${dest}" is not an SS58 address`);
        await withChain(opts, (client) => fundAccount(client, dest, rao), { network: 'local' });
        if (opts.json) printJson({ dest, free: rao.toString() });
        else printLine(`${dest} now holds ${formatTao(rao)}`);
      }),
    );
}

function parsePortOrZero(value: string): number {
  return value === '0' ? 0 : parsePort(value);
}

/** Clients follow $BT_SUBTENSOR_CHAIN_ENDPOINT; a chain started elsewhere would not be the one they use. */
function warnIfClientsLookElsewhere(): void {
  const endpoint = process.env.BT_SUBTENSOR_CHAIN_ENDPOINT ?? '';
  if (endpoint !== '' && defaultLocalnetPort().from !== '$BT_SUBTENSOR_CHAIN_ENDPOINT') {
    printNote(`note: BT_SUBTENSOR_CHAIN_ENDPOINT=${endpoint} points away from this local chain`);
  }
}

function parseForkUrl(value: string): string {
  try {
    return checkForkUrl(value);
  } catch (error) {
    if (error instanceof ChainError) {
      throw new InvalidArgumentError(
        'must be a websocket URL (ws:// or wss://), e.g. wss://entrypoint-finney.opentensor.ai:443',
      );
    }
    throw error;
  }
}

export function taoOrUsage(amount: string): bigint {
  try {
    return taoToRao(amount);
  } catch {
    throw new UsageError(`--amount: "${amount}" is not a number of TAO`, 'e.g. --amount 1.5');
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
