import {
  ChainError,
  type CreatedSubnet,
  checkForkUrl,
  createSubnet,
  fundAccount,
  headNumber,
  isValidAddress,
  newBlocks,
  setHead,
  startLocalnet,
  taoToRao,
} from '@taonode/chain';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { action, printJson, printLine, printNote, UsageError } from '../../io/index.js';
import {
  addChainOptions,
  type ChainFlags,
  parseCount,
  parsePort,
  toCliError,
  withChain,
} from './chainOptions.js';

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
    .option('--port <port>', 'port to listen on (default: a free one)', parsePort)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--subnets <n>',
      'create this many test subnets (owner //Alice, test-friendly limits)',
      parseCount,
      0,
    )
    .option(
      '--block-time <ms>',
      'also build a block every <ms> (0 = only one block per transaction)',
      parseCount,
      0,
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
        let ln: Awaited<ReturnType<typeof startLocalnet>>;
        try {
          ln = await startLocalnet({
            ...(opts.port === undefined ? {} : { port: opts.port }),
            ...(opts.host === undefined ? {} : { host: opts.host }),
            ...(opts.chainSpec === undefined ? {} : { chainSpec: opts.chainSpec }),
            ...(opts.fork === undefined ? {} : { fork: opts.fork }),
            blockTimeMs: opts.blockTime ?? 0,
            onNotice: (m) => printNote(m),
          });
        } catch (error) {
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
    .option('--json', 'print {"head":N}')
    .action(
      action(async (opts: ChainFlags & { blocks: number; json?: boolean }) => {
        const head = await withChain(opts, (client) => newBlocks(client, opts.blocks), { network: 'local' });
        if (opts.json) printJson({ head });
        else printLine(`head is now #${head}`);
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
    localnet
      .command('fund')
      .description('Set an account balance on a local chain (chopsticks dev_setStorage)'),
    { network: 'local' },
  )
    .requiredOption('--dest <ss58>', 'account to fund')
    .requiredOption('--amount <tao>', 'new free balance in TAO')
    .option('--json', 'print {"dest":…,"free":"<rao>"}')
    .action(
      action(async (opts: ChainFlags & { dest: string; amount: string; json?: boolean }) => {
        if (!isValidAddress(opts.dest)) throw new UsageError(`--dest: "${opts.dest}" is not an SS58 address`);
        const rao = taoOrUsage(opts.amount);
        await withChain(opts, (client) => fundAccount(client, opts.dest, rao), { network: 'local' });
        if (opts.json) printJson({ dest: opts.dest, free: rao.toString() });
        else printLine(`${opts.dest} now holds ${opts.amount} τ`);
      }),
    );
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
