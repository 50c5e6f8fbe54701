import { parseArgs } from 'node:util';

export interface SoakOptions {
  minutes: number;
  chaos: boolean;
  seed: string;
  /** Demo subnet ids; default every subnet the demo runs. */
  subnets?: string[];
  miners: number;
  intervalS: number;
  /** Keep wallets, state, logs and pm2's home here (default: a temp folder, removed after a passing run). */
  dir?: string;
  /** Give up when the network is not up (every daemon healthy, every validator's weights on chain) by then. */
  readyTimeoutS: number;
}

export class SoakUsageError extends Error {
  override name = 'SoakUsageError';
}

export const SOAK_HELP = `pnpm soak [options]

Runs the demo's whole local network (every subnet of \`taonode demo\`, a validator and miners each)
under pm2, samples every daemon every 30 s and checks the targets; see docs/neuron.md, "Soak and chaos".

  --minutes <n>     how long to soak once the network is up (default 60)
  --quick           a 5-minute soak
  --chaos           kill -9 daemons, cut the chain, garble a miner, fill a validator's disk, then check
  --seed <s>        seed of the chaos schedule (default: random, printed; repeat a run with it)
  --subnets <ids>   comma-separated demo subnets (default: all)
  --miners <n>      miners per subnet (default 2)
  --interval <s>    seconds between samples (default 30)
  --dir <path>      keep wallets, state and logs there (default: a temp folder, kept only on failure)
  --ready-timeout <s>  give up if the network is not up by then (default 900)
  -h, --help        this text`;

/** `pnpm soak` flags; throws SoakUsageError naming what was wrong. */
export function parseSoakArgs(argv: readonly string[], randomSeed: () => string): SoakOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new SoakUsageError(`${(error as Error).message}; see --help`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.quick && v.minutes !== undefined) throw new SoakUsageError('give --quick or --minutes, not both');
  return {
    minutes: v.quick ? 5 : positive(v.minutes ?? '60', '--minutes'),
    chaos: v.chaos ?? false,
    seed: v.seed ?? randomSeed(),
    subnets: v.subnets
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    miners: integer(v.miners ?? '2', '--miners'),
    intervalS: positive(v.interval ?? '30', '--interval'),
    dir: v.dir,
    readyTimeoutS: positive(v['ready-timeout'] ?? '900', '--ready-timeout'),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      minutes: { type: 'string' },
      quick: { type: 'boolean' },
      chaos: { type: 'boolean' },
      seed: { type: 'string' },
      subnets: { type: 'string' },
      miners: { type: 'string' },
      interval: { type: 'string' },
      dir: { type: 'string' },
      'ready-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function positive(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new SoakUsageError(`${flag} must be a positive number, got '${raw}'`);
  return n;
}

function integer(raw: string, flag: string): number {
  const n = positive(raw, flag);
  if (!Number.isInteger(n)) throw new SoakUsageError(`${flag} must be a whole number, got '${raw}'`);
  return n;
}
