/**
 * README "Operating a neuron" as a test: the marked blocks run as written, in order, as one operator
 * with two terminals would run them (./taonode, pnpm exec pm2, ecosystem.config.js), and then the
 * test checks what the README promises: both validators' weights on chain, `/healthz` of every
 * running daemon, the not-yet-built apps stopped with 78 and not restarted, a bad flag refused with
 * exit 2 in one line, and a clean stop.
 *
 * The only differences from an operator's terminal are those the README names: a temporary HOME
 * (wallets, ~/.pm2, ~/.taonode state), a free chain port through BT_SUBTENSOR_CHAIN_ENDPOINT, a free
 * TAONODE_PM2_PORT_OFFSET, TAONODE_WALLET_PASSWORD, and TAONODE_FROM_SOURCE=1 (the sources, as every
 * other test runs them, so no build is needed).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChainClient, connect, findRepoRoot, getMetagraph } from '@taonode/chain';
import { freePort, type LogLine, pm2List, readJsonLog, runPm2, waitFor } from '@taonode/neuron';
import { Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackgroundBlock, OperatorShell, type ShellResult } from './operatorShell.js';
import { freePortOffset } from './portOffset.js';
import { expectOperatorBlocks, type OperatorBlock } from './readmeBlocks.js';

const MINUTE = 60_000;
const root = findRepoRoot() ?? process.cwd();

/** The README's blocks, in order; the README and this list change together. */
const BLOCKS = ['localnet', 'wallet', 'register', 'prepare', 'pm2-start', 'check', 'stop'] as const;
/** The apps the README runs for real, by subnet (the key is ecosystem.config.js's TAONODE_PM2_NETUID_ suffix). */
const RUNNING = {
  SN2: { miner: 'sn2-miner', validator: 'sn2-validator' },
  SN24: { miner: 'sn24-miner', validator: 'sn24-validator' },
} as const;
/**
 * Apps whose subnet is not built yet: under pm2 they stop with 78 and are not restarted. When a
 * subnet lands, move its apps from here to RUNNING and add its steps to the README.
 */
const NOT_BUILT = ['sn21-miner', 'sn21-validator', 'sn30-miner', 'sn30-validator'] as const;
const EXIT_NOT_IMPLEMENTED = 78;
/**
 * Lines a daemon may print when it refuses its flags at start: today a short list (what is wrong,
 * then "run with --help"); 1 once the daemons print one line (issue 13's daemon side).
 */
const APP_REFUSAL_MAX_LINES = 3;
/**
 * A validator's log line saying it scored a real answer of a miner (not the floor score of a miner
 * that did not answer), per subnet: weights that follow one of these come from real work.
 */
const REAL_ANSWER: Record<keyof typeof RUNNING, (line: LogLine) => boolean> = {
  SN2: (l) => l.msg === 'SN2 proof verified',
  SN24: (l) => l.msg === 'SN24 miner scored' && l.reason === 'scored',
};

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'readme-operator-'));
const logDir = join(home, 'logs');
mkdirSync(logDir);

let blocks: Map<string, OperatorBlock>;
let shell: OperatorShell;
let chain: BackgroundBlock | undefined;
let client: ChainClient | undefined;
let portOffset = 0;
/** The apps' own ports from ecosystem.config.js, before the offset. */
let basePorts: Map<string, { metrics: number; axon?: number }>;

function block(name: (typeof BLOCKS)[number]): OperatorBlock {
  return blocks.get(name)!;
}

/** Runs a README block; a failure shows its output. */
async function runBlock(name: (typeof BLOCKS)[number], timeoutMs: number): Promise<ShellResult> {
  const result = await shell.run(block(name), timeoutMs);
  expect(result.code, `README block '${name}' failed:\n${tail(result.stdout)}\n${tail(result.stderr)}`).toBe(
    0,
  );
  return result;
}

const tail = (text: string, lines = 25) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** The shell's environment as pm2 commands see it (after the README's exports). */
const pm2Env = () => shell.environment;

async function logTails(): Promise<string> {
  const list = await pm2List(root, pm2Env()).catch(() => []);
  const parts = await Promise.all(
    list.map(async (p) => {
      const text = await readFile(p.outLog, 'utf8').catch(() => '');
      return `--- ${p.name} (${p.status}, exit ${p.exitCode})\n${tail(text, 10)}`;
    }),
  );
  return parts.join('\n');
}

/** uid of a hotkey of the README's wallet on a subnet, from the chain. */
async function uidOf(netuid: number, hotkeyName: string): Promise<number> {
  const env = shell.environment;
  const wallet = new Wallet({
    path: join(home, '.bittensor', 'wallets'),
    name: env.TAONODE_PM2_WALLET!,
    hotkey: hotkeyName,
  });
  const ss58 = (await wallet.getHotkey()).ss58Address;
  const uid = (await getMetagraph(client!, { netuid })).neurons.find((n) => n.hotkey === ss58)?.uid;
  if (uid === undefined) throw new Error(`${hotkeyName} is not registered on netuid ${netuid}`);
  return uid;
}

function netuidOf(subnet: keyof typeof RUNNING): number {
  return Number(shell.environment[`TAONODE_PM2_NETUID_${subnet}`]);
}

/** The validator's log shows a real answer from `miner`, then a weights submission including it. */
async function answeredThenWeighted(subnet: keyof typeof RUNNING, miner: number): Promise<boolean> {
  const validator = (await pm2List(root, pm2Env())).find((p) => p.name === RUNNING[subnet].validator);
  if (validator === undefined) return false;
  const lines = await readJsonLog(validator.outLog);
  const answered = lines.findIndex((l) => REAL_ANSWER[subnet](l) && l.uid === miner);
  return (
    answered !== -1 &&
    lines
      .slice(answered + 1)
      .some((l) => l.msg === 'weights submitted' && Array.isArray(l.uids) && l.uids.includes(miner))
  );
}

async function weightsOf(netuid: number, uid: number): Promise<Map<number, number>> {
  const raw = await client!.request('weights', (api) => api.query.subtensorModule.weights(netuid, uid));
  return new Map((raw.toJSON() as [number, number][]).map(([u, w]) => [u, w]));
}

/** The ecosystem's apps as ecosystem.config.js defines them with no TAONODE_PM2_* set. */
async function ecosystemApps(): Promise<{ name: string; args: string[] }[]> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('TAONODE_')) delete process.env[key];
  try {
    const url = `${pathToFileURL(join(root, 'ecosystem.config.js')).href}?operator-test`;
    const mod = (await import(/* @vite-ignore */ url)) as { apps: { name: string; args: string[] }[] };
    return mod.apps;
  } finally {
    Object.assign(process.env, saved);
  }
}

const argAfter = (args: string[], flag: string) => {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : Number(args[i + 1]);
};

beforeAll(async () => {
  blocks = expectOperatorBlocks(readme, BLOCKS);
  basePorts = new Map(
    (await ecosystemApps()).map((app) => {
      const axon = argAfter(app.args, '--axon.port');
      return [app.name, { metrics: argAfter(app.args, '--metrics.port')!, ...(axon ? { axon } : {}) }];
    }),
  );
  portOffset = await freePortOffset(
    [...basePorts.values()].flatMap((p) => (p.axon ? [p.metrics, p.axon] : [p.metrics])),
  );
  const chainPort = await freePort('127.0.0.1');
  // The developer's own settings must not leak in: the README's exports are the only ones.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('TAONODE_') && !k.startsWith('BT_') && k !== 'PM2_HOME',
    ),
  );
  const pnpmFallback = join(root, '.cache', 'bin');
  shell = new OperatorShell(
    root,
    {
      ...inherited,
      HOME: home,
      // Only where pnpm is setup.sh's npx fallback: its npm cache stays the real one.
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
      PATH: `${pnpmFallback}:${process.env.PATH ?? ''}`,
      BT_SUBTENSOR_CHAIN_ENDPOINT: `ws://127.0.0.1:${chainPort}`,
      TAONODE_PM2_PORT_OFFSET: String(portOffset),
      TAONODE_WALLET_PASSWORD: 'operator-test-password',
      TAONODE_FROM_SOURCE: '1',
    },
    logDir,
  );
}, MINUTE);

afterAll(async () => {
  if (shell !== undefined) await runPm2(root, ['kill'], pm2Env()).catch(() => undefined);
  await client?.close();
  await chain?.stop().catch(() => undefined);
  shell?.killAll();
  await rm(home, { recursive: true, force: true });
}, 2 * MINUTE);

describe('README "Operating a neuron", run as written', () => {
  it(
    'starts the local chain (terminal 1)',
    async () => {
      chain = shell.background(block('localnet'));
      const url = await chain.waitForLine(/^ws:\/\//, 4 * MINUTE);
      expect(url.trim()).toBe(shell.environment.BT_SUBTENSOR_CHAIN_ENDPOINT);
      client = await connect({ chainEndpoint: url.trim() });
    },
    5 * MINUTE,
  );

  it(
    'creates the wallet, registers the four hotkeys and stakes both validators',
    async () => {
      await runBlock('wallet', 5 * MINUTE);
      const register = await runBlock('register', 8 * MINUTE);
      expect(register.stdout).toMatch(/its stake there is now [\d.]+ α/);
    },
    13 * MINUTE,
  );

  it('makes the local test inputs', async () => runBlock('prepare', 8 * MINUTE), 8 * MINUTE);

  it(
    'starts every app under pm2; both validators get weights on chain for their miner',
    async () => {
      await runBlock('pm2-start', 3 * MINUTE);
      const pairs = await Promise.all(
        (Object.keys(RUNNING) as (keyof typeof RUNNING)[]).map(async (subnet) => {
          const netuid = netuidOf(subnet);
          const { miner, validator } = RUNNING[subnet];
          return {
            subnet,
            netuid,
            miner: await uidOf(netuid, miner),
            validator: await uidOf(netuid, validator),
          };
        }),
      );
      const running = Object.values(RUNNING).flatMap((r) => [r.miner, r.validator]);
      const outcome = await waitFor(
        'weights on chain from both validators for their miners, after real answers',
        async () => {
          const down = (await pm2List(root, pm2Env())).find(
            (p) => running.includes(p.name as never) && p.status !== 'online',
          );
          if (down) return { down };
          for (const p of pairs) {
            if (!(await answeredThenWeighted(p.subnet, p.miner))) return false;
            if (((await weightsOf(p.netuid, p.validator)).get(p.miner) ?? 0) === 0) return false;
          }
          return { down: undefined };
        },
        { timeoutMs: 8 * MINUTE, intervalMs: 3_000 },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await logTails()}`);
      });
      expect(
        outcome.down,
        `${outcome.down?.name} is ${outcome.down?.status}\n${await logTails()}`,
      ).toBeUndefined();

      // The README's own check commands show the same.
      const check = await runBlock('check', 3 * MINUTE);
      for (const p of pairs) {
        expect(check.stdout, p.subnet).toMatch(
          new RegExp(`^uid ${p.validator} permit, last update #\\d+: .*\\b${p.miner}=[01]\\.\\d{4}`, 'm'),
        );
      }
    },
    12 * MINUTE,
  );

  it(
    'keeps the running apps online with healthy /healthz, and the not-yet-built apps stopped with 78',
    async () => {
      const list = await waitFor(
        'the not-yet-built apps stopped',
        async () => {
          const all = await pm2List(root, pm2Env());
          const stopped = NOT_BUILT.every((name) => all.find((p) => p.name === name)?.status === 'stopped');
          return stopped ? all : undefined;
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 2_000 },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await logTails()}`);
      });
      for (const name of NOT_BUILT) {
        expect(
          list.find((p) => p.name === name),
          name,
        ).toMatchObject({
          status: 'stopped',
          exitCode: EXIT_NOT_IMPLEMENTED,
          restarts: 0,
        });
      }
      for (const name of Object.values(RUNNING).flatMap((r) => [r.miner, r.validator])) {
        expect(
          list.find((p) => p.name === name),
          name,
        ).toMatchObject({ status: 'online', restarts: 0 });
        const port = basePorts.get(name)!.metrics + portOffset;
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status, `${name} /healthz on ${port}`).toBe(200);
        expect(await health.json()).toMatchObject({ ok: true });
      }
    },
    3 * MINUTE,
  );

  it(
    'refuses a bad flag at start with exit 2 and a clean message, from an app and from the CLI',
    async () => {
      const env = shell.environment;
      const app = await runNode(
        [
          '--conditions=@taonode/source',
          '--import',
          'tsx',
          join(root, 'apps', 'sn2-miner', 'src', 'main.ts'),
        ],
        ['--netuid', env.TAONODE_PM2_NETUID_SN2!, '--wallet.nmae', 'op'],
        env,
      );
      expect(app.code, app.stderr).toBe(2);
      expectCleanRefusal(app.stderr + app.stdout, /wallet\.nmae/, APP_REFUSAL_MAX_LINES);

      const cli = await runNode(
        [],
        [join(root, 'taonode'), 'subnet', 'register', '--netuid', 'two'],
        env,
        'sh',
      );
      expect(cli.code, cli.stderr).toBe(2);
      expectCleanRefusal(cli.stderr, /--netuid/, 1);
      expect(cli.stdout).toBe('');
    },
    2 * MINUTE,
  );

  it(
    'stops every daemon gracefully',
    async () => {
      await runBlock('stop', 2 * MINUTE);
      const running = Object.values(RUNNING).flatMap((r) => [r.miner, r.validator]);
      for (const p of (await pm2List(root, pm2Env())).filter((p) => running.includes(p.name as never))) {
        expect(p, p.name).toMatchObject({ status: 'stopped', restarts: 0 });
        // pm2 writes the app's last lines from its pipe; they may land just after `pm2 stop` returns.
        await waitFor(
          `"stopped" in ${p.name}'s log`,
          async () => (await readJsonLog(p.outLog)).some((l) => l.msg === 'stopped'),
          { timeoutMs: 10_000, intervalMs: 250 },
        );
      }
      await client?.close();
      client = undefined;
      expect(await chain!.stop()).toBe(0);
    },
    3 * MINUTE,
  );
});

/** At most `maxLines` non-empty lines naming the problem, and no stack trace. */
function expectCleanRefusal(output: string, names: RegExp, maxLines: number): void {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  expect(lines.length, output).toBeGreaterThan(0);
  expect(lines.length, output).toBeLessThanOrEqual(maxLines);
  expect(output).toMatch(names);
  expect(output).not.toMatch(/^\s+at /m);
}

function runNode(
  execArgv: string[],
  args: string[],
  env: NodeJS.ProcessEnv,
  command: string = process.execPath,
): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...execArgv, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
