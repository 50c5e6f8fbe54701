/**
 * README "Operating a neuron" as a test: the marked blocks run as written, in order, as one operator
 * with three terminals would run them (./taonode, pnpm exec pm2, ecosystem.config.js), and then the
 * test checks what the README promises: the SN2 and SN24 validators' weights on chain after real
 * answers, the SN21 miner's model committed, `/healthz` of every running daemon, an unregistered
 * hotkey stopping its app under pm2 with exit 78 (not restarted), a bad flag refused with exit 2
 * without a stack trace, and a clean stop.
 *
 * SN21's and SN30's weights are not waited for here (CI time): their own local-chain tests prove
 * them (packages/sn21/src/daemon/sn21LocalChain.test.ts, packages/sn30/src/daemon/sn30LocalChain.test.ts);
 * this test proves the README starts their daemons healthy.
 *
 * It runs the built CLI and daemons (dist/), as an operator does after `bash scripts/setup.sh`; the
 * `pnpm build` first is a no-op on CI, where set-up built everything. The only differences from an
 * operator's terminal are those the README names: a temporary HOME (wallets, ~/.pm2, ~/.taonode
 * state), a free chain port through BT_SUBTENSOR_CHAIN_ENDPOINT, a free stand-in hub port through
 * TAONODE_SN21_HUB_URL, a free TAONODE_PM2_PORT_OFFSET and TAONODE_WALLET_PASSWORD.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChainClient, connect, getMetagraph } from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import { freePort, type LogLine, pm2List, readJsonLog, runPm2, waitFor } from '@taonode/neuron';
import { Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackgroundBlock, OperatorShell, type ShellResult } from './operatorShell.js';
import { freePortOffset } from './portOffset.js';
import { expectOperatorBlocks, type OperatorBlock } from './readmeBlocks.js';

const MINUTE = 60_000;
const root = findRepoRoot() ?? process.cwd();

/** The README's blocks, in order; the README and this list change together. */
const BLOCKS = [
  'localnet',
  'sn21-hub',
  'wallet',
  'register',
  'prepare',
  'pm2-start',
  'check',
  'stop',
] as const;
type BlockName = (typeof BLOCKS)[number];
/** The apps the README runs, by subnet (the key is ecosystem.config.js's TAONODE_PM2_NETUID_ suffix). */
const RUNNING = {
  SN2: { miner: 'sn2-miner', validator: 'sn2-validator' },
  SN24: { miner: 'sn24-miner', validator: 'sn24-validator' },
  SN21: { miner: 'sn21-miner', validator: 'sn21-validator' },
  SN30: { miner: 'sn30-miner', validator: 'sn30-validator' },
} as const;
/** Subnets whose weights this test waits for; the others' own local-chain tests prove theirs. */
const WEIGHTED = ['SN2', 'SN24'] as const;
type Subnet = (typeof WEIGHTED)[number];
const RUNNING_APPS: readonly string[] = Object.values(RUNNING).flatMap((r) => [r.miner, r.validator]);
/** Not registered / no such subnet / not implemented: pm2 does not restart it (stop_exit_codes). */
const EXIT_NOT_REGISTERED = 78;
/** Lines a daemon may print when it refuses its flags at start: one, naming the flag and `--help`. */
const APP_REFUSAL_MAX_LINES = 1;
/**
 * A validator's log line saying it scored a real answer of a miner (not the floor score of a miner
 * that did not answer): weights that follow one of these come from real work.
 */
const REAL_ANSWER: Record<Subnet, (line: LogLine) => boolean> = {
  SN2: (l) => l.msg === 'SN2 proof verified',
  SN24: (l) => l.msg === 'SN24 miner scored' && l.reason === 'scored',
};

interface EcosystemApp {
  name: string;
  script: string;
  node_args: string[];
  args: string[];
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'readme-operator-'));
const logDir = join(home, 'logs');
mkdirSync(logDir);

let blocks: Map<string, OperatorBlock>;
let shell: OperatorShell | undefined;
let chain: BackgroundBlock | undefined;
let hub: BackgroundBlock | undefined;
let client: ChainClient | undefined;
let apps: EcosystemApp[];
let portOffset = 0;

const tail = (text: string, lines = 25) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** The README's environment so far (its exports included): what pm2 and the daemons see. */
const env = () => shell!.environment;

/** Runs a README block; a failure shows its output. */
async function runBlock(name: BlockName, timeoutMs: number): Promise<ShellResult> {
  const result = await shell!.run(blocks.get(name)!, timeoutMs);
  expect(result.code, `README block '${name}' failed:\n${tail(result.stdout)}\n${tail(result.stderr)}`).toBe(
    0,
  );
  return result;
}

async function logTails(): Promise<string> {
  const list = await pm2List(root, env()).catch(() => []);
  const parts = await Promise.all(
    list.map(async (p) => {
      const text = await readFile(p.outLog, 'utf8').catch(() => '');
      return `--- ${p.name} (${p.status}, exit ${p.exitCode})\n${tail(text, 10)}`;
    }),
  );
  return parts.join('\n');
}

/** uid of one of the README wallet's hotkeys on a subnet. */
async function uidOf(netuid: number, hotkeyName: string): Promise<number> {
  const wallet = new Wallet({
    path: join(home, '.bittensor', 'wallets'),
    name: env().TAONODE_PM2_WALLET!,
    hotkey: hotkeyName,
  });
  const ss58 = (await wallet.getHotkey()).ss58Address;
  const uid = (await getMetagraph(client!, { netuid })).neurons.find((n) => n.hotkey === ss58)?.uid;
  if (uid === undefined) throw new Error(`${hotkeyName} is not registered on netuid ${netuid}`);
  return uid;
}

/** The SN21 miner's `/healthz` figures: the state of its commitment (docs/sn21.md). */
async function sn21MinerHealth(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${metricsPortOf(RUNNING.SN21.miner)}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function metricsPortOf(name: string): number {
  return portAfter(apps.find((a) => a.name === name)!, '--metrics.port')! + portOffset;
}

/** The validator's log shows a real answer from `miner`, then a weights submission including it. */
async function answeredThenWeighted(subnet: Subnet, miner: number): Promise<boolean> {
  const validator = (await pm2List(root, env())).find((p) => p.name === RUNNING[subnet].validator);
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

/** ecosystem.config.js's apps with no TAONODE_* set: the built scripts and the base ports. */
async function ecosystemApps(): Promise<EcosystemApp[]> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('TAONODE_')) delete process.env[key];
  try {
    const url = `${pathToFileURL(join(root, 'ecosystem.config.js')).href}?operator-test`;
    return ((await import(/* @vite-ignore */ url)) as { apps: EcosystemApp[] }).apps;
  } finally {
    Object.assign(process.env, saved);
  }
}

function portAfter(app: EcosystemApp, flag: string): number | undefined {
  const i = app.args.indexOf(flag);
  return i === -1 ? undefined : Number(app.args[i + 1]);
}

function runCommand(
  command: string,
  args: string[],
  environment: NodeJS.ProcessEnv,
  timeoutMs = 2 * MINUTE,
): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** At most `maxLines` non-empty lines naming the problem, and no stack trace. */
function expectCleanRefusal(output: string, names: RegExp, maxLines: number): void {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  expect(lines.length, output).toBeGreaterThan(0);
  expect(lines.length, output).toBeLessThanOrEqual(maxLines);
  expect(output).toMatch(names);
  expect(output).not.toMatch(/^\s+at /m);
}

beforeAll(async () => {
  blocks = expectOperatorBlocks(readme, BLOCKS);
  apps = await ecosystemApps();
  const ports = apps.flatMap((a) => [portAfter(a, '--metrics.port'), portAfter(a, '--axon.port')]);
  portOffset = await freePortOffset(ports.filter((p): p is number => p !== undefined));
  const chainPort = await freePort('127.0.0.1');
  const hubPort = await freePort('127.0.0.1');
  // The developer's own settings must not leak in: the README's exports are the only ones.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('TAONODE_') && !k.startsWith('BT_') && k !== 'PM2_HOME',
    ),
  );
  shell = new OperatorShell(
    root,
    {
      ...inherited,
      HOME: home,
      // Only matters where pnpm is setup.sh's npx fallback: its npm cache stays the real one.
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
      PATH: `${join(root, '.cache', 'bin')}:${process.env.PATH ?? ''}`,
      BT_SUBTENSOR_CHAIN_ENDPOINT: `ws://127.0.0.1:${chainPort}`,
      TAONODE_SN21_HUB_URL: `http://127.0.0.1:${hubPort}`,
      TAONODE_PM2_PORT_OFFSET: String(portOffset),
      TAONODE_WALLET_PASSWORD: 'operator-test-password',
    },
    logDir,
  );
  // What `bash scripts/setup.sh` leaves behind: the built CLI and apps (a no-op when up to date).
  const build = await runCommand('pnpm', ['build'], env(), 10 * MINUTE);
  expect(build.code, `pnpm build failed:\n${tail(build.stdout)}\n${tail(build.stderr)}`).toBe(0);
}, 12 * MINUTE);

afterAll(async () => {
  if (shell !== undefined) await runPm2(root, ['kill'], env()).catch(() => undefined);
  await client?.close();
  await chain?.stop().catch(() => undefined);
  await hub?.stop().catch(() => undefined);
  shell?.killAll();
  await rm(home, { recursive: true, force: true });
}, 2 * MINUTE);

describe('README "Operating a neuron", run as written', () => {
  it(
    'starts the local chain (terminal 1)',
    async () => {
      chain = shell!.background(blocks.get('localnet')!);
      const url = (await chain.waitForLine(/^ws:\/\//, 4 * MINUTE)).trim();
      expect(url).toBe(env().BT_SUBTENSOR_CHAIN_ENDPOINT);
      client = await connect({ chainEndpoint: url });
    },
    5 * MINUTE,
  );

  it(
    'starts the stand-in hub (terminal 3)',
    async () => {
      hub = shell!.background(blocks.get('sn21-hub')!);
      const url = (await hub.waitForLine(/^http:\/\//, 2 * MINUTE)).trim();
      expect(url).toBe(env().TAONODE_SN21_HUB_URL);
    },
    3 * MINUTE,
  );

  it(
    'creates the wallet, registers the eight hotkeys and stakes the four validators',
    async () => {
      await runBlock('wallet', 5 * MINUTE);
      const register = await runBlock('register', 10 * MINUTE);
      expect(register.stdout).toMatch(/its stake there is now [\d.]+ α/);
    },
    15 * MINUTE,
  );

  it('makes the local test inputs', async () => runBlock('prepare', 8 * MINUTE), 8 * MINUTE);

  it(
    'starts the apps under pm2; SN2/SN24 validators set weights after real answers; SN21 miner commits',
    async () => {
      await runBlock('pm2-start', 3 * MINUTE);
      const pairs = await Promise.all(
        WEIGHTED.map(async (subnet) => {
          const netuid = Number(env()[`TAONODE_PM2_NETUID_${subnet}`]);
          const { miner, validator } = RUNNING[subnet];
          return {
            subnet,
            netuid,
            miner: await uidOf(netuid, miner),
            validator: await uidOf(netuid, validator),
          };
        }),
      );
      const outcome = await waitFor(
        'SN2/SN24 weights on chain for their miners after real answers, and the SN21 commitment ok',
        async () => {
          const down = (await pm2List(root, env())).find(
            (p) => RUNNING_APPS.includes(p.name) && p.status !== 'online',
          );
          if (down) return { down };
          for (const p of pairs) {
            if (!(await answeredThenWeighted(p.subnet, p.miner))) return false;
            if (((await weightsOf(p.netuid, p.validator)).get(p.miner) ?? 0) === 0) return false;
          }
          const sn21 = await sn21MinerHealth().catch(() => undefined);
          if ((sn21?.body.figures as Record<string, unknown> | undefined)?.sn21_commitment_ok !== true)
            return false;
          return { down: undefined };
        },
        { timeoutMs: 10 * MINUTE, intervalMs: 3_000 },
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
      // The SN21 miner's model pointer: namespace:name:epoch:revision:hash:competition.
      expect(check.stdout).toMatch(/^op:captioner:0:[0-9a-f]{40}:\S+:o1$/m);
    },
    14 * MINUTE,
  );

  it(
    'keeps every running app online with a healthy /healthz, the SN21 miner with its commitment ok',
    async () => {
      const list = await pm2List(root, env());
      for (const name of RUNNING_APPS) {
        expect(
          list.find((p) => p.name === name),
          name,
        ).toMatchObject({ status: 'online', restarts: 0 });
        const port = metricsPortOf(name);
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status, `${name} /healthz on ${port}`).toBe(200);
        expect(await health.json()).toMatchObject({ ok: true });
      }
      expect((await sn21MinerHealth()).body).toMatchObject({
        figures: { sn21_commitment: 'ok', sn21_commitment_ok: true },
      });
    },
    5 * MINUTE,
  );

  it(
    'stops an app whose hotkey is not registered on its netuid: exit 78, a clean message, no pm2 restart',
    async () => {
      // sn2-miner's row of the ecosystem with the README's wallet and network, pointed at SN24's
      // subnet where that hotkey is not registered, on ports of its own; pm2 runs it with the
      // ecosystem's exit-code rules.
      const row = apps.find((a) => a.name === RUNNING.SN2.miner)!;
      const args = [...row.args];
      const set = (flag: string, value: string) => {
        args[args.indexOf(flag) + 1] = value;
      };
      set('--netuid', env().TAONODE_PM2_NETUID_SN24!);
      set('--wallet.name', env().TAONODE_PM2_WALLET!);
      set('--subtensor.network', env().TAONODE_PM2_NETWORK!);
      set('--metrics.port', String(await freePort('127.0.0.1')));
      set('--axon.port', String(await freePort('127.0.0.1')));
      const name = 'unregistered-sn2-miner';
      const file = join(home, 'unregistered.config.json');
      await writeFile(file, JSON.stringify({ apps: [{ ...row, name, args }] }));
      const start = await runPm2(root, ['start', file], env());
      expect(start.code, start.stderr).toBe(0);
      const stopped = await waitFor(
        `${name} to exit`,
        async () => {
          const p = (await pm2List(root, env())).find((q) => q.name === name);
          return p !== undefined && p.status !== 'online' && p.status !== 'launching' ? p : false;
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 1_000 },
      );
      expect(stopped).toMatchObject({ status: 'stopped', restarts: 0, exitCode: EXIT_NOT_REGISTERED });
      // One line naming the hotkey and netuid, one with the `taonode subnet register` command.
      expectCleanRefusal(await readFile(stopped.errLog, 'utf8'), /is not registered on netuid/, 2);
      await runPm2(root, ['delete', name], env());
    },
    3 * MINUTE,
  );

  it(
    'refuses a bad flag at start with exit 2 and no stack trace, from an app and from the CLI',
    async () => {
      const miner = apps.find((a) => a.name === RUNNING.SN2.miner)!;
      const app = await runCommand(
        process.execPath,
        [...miner.node_args, miner.script, '--netuid', env().TAONODE_PM2_NETUID_SN2!, '--wallet.nmae', 'op'],
        env(),
      );
      expect(app.code, app.stderr).toBe(2);
      expectCleanRefusal(app.stderr + app.stdout, /wallet\.nmae/, APP_REFUSAL_MAX_LINES);

      const cli = await runCommand(join(root, 'taonode'), ['subnet', 'register', '--netuid', 'two'], env());
      expect(cli.code, cli.stderr).toBe(2);
      expectCleanRefusal(cli.stderr, /--netuid/, 1);
      expect(cli.stdout).toBe('');
    },
    3 * MINUTE,
  );

  it(
    'stops every daemon gracefully, then the chain',
    async () => {
      await runBlock('stop', 2 * MINUTE);
      for (const p of (await pm2List(root, env())).filter((p) => RUNNING_APPS.includes(p.name))) {
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
      expect(await hub!.stop()).toBe(0);
      expect(await chain!.stop()).toBe(0);
    },
    3 * MINUTE,
  );
});
