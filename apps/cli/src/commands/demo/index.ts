import { type Command, InvalidArgumentError } from 'commander';
import { demoSubnets } from './demoSubnets.js';
import { prepareDemo } from './prepareDemo.js';
import { runDemo } from './runDemo.js';

/** `taonode demo`: local chain, subnets, registered neurons, daemons, weights read back. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the whole thing locally: chain, one subnet per implemented subnet, a validator and miners as ' +
        'daemons, until the weights are on chain; prints subnet, uids, scores and weights',
    )
    .option('--keep', 'leave the chain and the daemons running (Ctrl-C stops them)', false)
    .option('--miners <n>', 'miners per subnet', parsePositive, 2)
    .option('--timeout <seconds>', 'give up after this long', parsePositive, 600)
    .option('--dir <path>', 'keep wallets, state and logs in this folder (default: a temp folder, removed)')
    .option('--subnets <ids>', `comma-separated subnets to run (default: all of ${demoIds()})`, parseSubnets)
    .option(
      '--prepare-only',
      "only make the chosen subnets' local test inputs (SN2 test circuits, SN24 tiny models and videos) and exit",
    )
    .action(
      async (opts: {
        keep: boolean;
        miners: number;
        timeout: number;
        dir?: string;
        subnets?: string[];
        prepareOnly?: boolean;
      }) => {
        const out = (line: string) => process.stdout.write(`${line}\n`);
        if (opts.prepareOnly) {
          const chosen = demoSubnets().filter((d) => opts.subnets?.includes(d.id) ?? true);
          process.exitCode = await prepareDemo(chosen, out);
          return;
        }
        const code = await runDemo({
          keep: opts.keep,
          miners: opts.miners,
          timeoutS: opts.timeout,
          dir: opts.dir,
          subnets: opts.subnets,
          out,
          untilStopped: () =>
            new Promise((resolve) => {
              process.once('SIGINT', () => resolve());
              process.once('SIGTERM', () => resolve());
            }),
        });
        // Websocket reconnect timers may linger after cleanup; the demo is done either way.
        process.exit(code);
      },
    );
}

/** The demo's subnet ids for --help; the registry is read when the demo runs, so a problem shows there. */
function demoIds(): string {
  try {
    return demoSubnets()
      .map((s) => s.id)
      .join(', ');
  } catch {
    return 'config/subnets.json';
  }
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function parseSubnets(value: string): string[] {
  const known = demoSubnets().map((s) => s.id);
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !known.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown subnet '${unknown[0] ?? value}'; choose from ${known.join(', ')}`,
    );
  }
  return ids;
}
