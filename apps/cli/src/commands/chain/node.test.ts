import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keypair, Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

const mainTs = fileURLToPath(new URL('../../main.ts', import.meta.url));
const SLOW = { timeout: 900_000 };

/**
 * End to end through the real CLI: `localnet start` in a child process, then register → serve axon →
 * stake → weights set → metagraph, each a separate `taonode` process against that chain.
 */
describe('taonode chain commands on a local chain', SLOW, () => {
  let root: string;
  let child: ChildProcess;
  let url: string;
  let netuid: number;
  let coldkey: string;
  let hotkey: string;
  let childExit: Promise<number | null>;

  const env = {
    TAONODE_WALLET_PASSWORD: '',
    BT_WALLET_PATH: '',
    BT_SUBTENSOR_CHAIN_ENDPOINT: '',
    TAONODE_DEBUG: '',
  };
  const cli = (args: string[], withWallet = true) =>
    runCli(
      [
        ...args,
        '--subtensor.chain_endpoint',
        url,
        ...(withWallet ? ['--wallet.path', root, '--wallet.name', 'w'] : []),
      ],
      { env, timeoutMs: 180_000 },
    );
  const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'taonode-cli-chain-'));
    const wallet = new Wallet({ path: root, name: 'w', hotkey: 'default' });
    coldkey = (await wallet.createColdkey()).keypair.ss58Address;
    hotkey = (await wallet.createHotkey()).keypair.ss58Address;

    child = spawn(
      process.execPath,
      [
        '--conditions=@taonode/source',
        '--import',
        'tsx',
        mainTs,
        'localnet',
        'start',
        '--subnets',
        '1',
        // Blocks only per transaction here: the test reverts to exact block numbers.
        ...['--port', '0', '--block-time', '0'],
        '--json',
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    childExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = await new Promise<{ url: string; subnets: number[] }>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
      });
      child.once('exit', (code) => reject(new Error(`localnet start exited ${code}: ${err}`)));
    });
    url = ready.url;
    netuid = ready.subnets[0]!;
  }, 240_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('funds, registers, serves an axon, stakes, sets weights, transfers, reverts, and reads it all back', async () => {
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    // No --dest: the wallet's coldkey (from coldkeypub.txt).
    const fund = await cli(['localnet', 'fund', '--amount', '1000', '--json']);
    expect(fund.stderr).toBe('');
    expect(json(fund.stdout)).toEqual({ dest: coldkey, free: '1000000000000' });

    const unconfirmed = await cli(['subnet', 'register', '--netuid', String(netuid)]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/^error: not confirmed: Burn 0\.1 τ to register\?/m);

    const reg = await cli(['subnet', 'register', '--netuid', String(netuid), '--yes', '--json']);
    expect(reg.code).toBe(0);
    expect(json(reg.stdout)).toMatchObject({ netuid, uid: 1, hotkey, coldkey, alreadyRegistered: false });

    const refused = await cli([
      'axon',
      'serve',
      '--netuid',
      String(netuid),
      '--ip',
      '127.0.0.1',
      '--port',
      '8091',
      '--json',
    ]);
    expect(refused.code).toBe(1);
    expect(json(refused.stdout)).toMatchObject({ error: { code: 'InvalidIpAddress' } });
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const serve = await cli([
      'axon',
      'serve',
      '--netuid',
      String(netuid),
      '--ip',
      '127.0.0.2',
      '--port',
      '8091',
      '--json',
    ]);
    expect(json(serve.stdout)).toMatchObject({ changed: true, ip: '127.0.0.2', port: 8091 });

    const askStake = await cli(['stake', 'add', '--netuid', String(netuid), '--amount', '10']);
    expect(askStake.code).toBe(1);
    expect(askStake.stderr).toMatch(/staking 10 τ to .* fee about [\d.]+ τ/);
    expect(askStake.stderr).toMatch(/not confirmed: Stake 10 τ\?/);
    const stake = await cli([
      'stake',
      'add',
      '--netuid',
      String(netuid),
      '--amount',
      '10',
      '--yes',
      '--json',
    ]);
    expect(stake.code).toBe(0);
    expect(BigInt(json(stake.stdout).stake as string)).toBeGreaterThan(0n);
    // In words: TAO went in, the hotkey holds the subnet's alpha.
    const staked = await cli(['stake', 'add', '--netuid', String(netuid), '--amount', '1', '--yes']);
    expect(staked.stdout).toMatch(
      /^staked 1 τ to \S+ on subnet \d+; its stake there is now [\d.]+ α \(alpha\)$/m,
    );

    // weights set is chain-weights' command; a single self-weight needs no validator permit.
    const set = await cli([
      'weights',
      'set',
      '--netuid',
      String(netuid),
      '--uids',
      '1',
      '--weights',
      '1',
      '--reveal-store',
      join(root, 'reveals.json'),
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(json(set.stdout)).toMatchObject({ action: 'set' });
    const got = await cli(['weights', 'get', '--netuid', String(netuid), '--json'], false);
    expect(json(got.stdout)).toMatchObject({
      netuid,
      rows: [{ uid: 1, hotkey, weights: [{ uid: 1, weight: 1 }] }],
    });

    const mg = await cli(['metagraph', '--netuid', String(netuid), '--json'], false);
    const neurons = json(mg.stdout).neurons as Array<Record<string, unknown>>;
    expect(neurons[1]).toMatchObject({
      uid: 1,
      hotkey,
      coldkey,
      axon: { ip: '127.0.0.2', port: 8091, serving: true },
      weights: [{ uid: 1, raw: 65535, weight: 1 }],
    });
    expect(neurons[0]).toMatchObject({ uid: 0, weights: [] });
    expect(BigInt(neurons[1]!.totalStake as string)).toBeGreaterThan(0n);

    const table = await cli(['metagraph', '--netuid', String(netuid)], false);
    expect(table.stdout).toMatch(/UID\s+HOTKEY/);
    expect(table.stdout).toMatch(/127\.0\.0\.2:8091/);

    const bal = await cli(['balance', '--json']);
    expect(BigInt(json(bal.stdout).free as string)).toBeLessThan(1_000_000_000_000n);

    const dest = Keypair.fromUri('//taonode-cli-dest').ss58Address;
    const noYes = await cli(['transfer', '--dest', dest, '--amount', '1.5']);
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toMatch(/sending 1\.5 τ to .* fee about [\d.]+ τ/);
    expect(noYes.stderr).toMatch(/not confirmed: Send 1\.5 τ\?/);
    const sent = await cli(['transfer', '--dest', dest, '--amount', '1.5', '--yes', '--json']);
    expect(json(sent.stdout)).toMatchObject({ from: coldkey, dest, amount: '1500000000' });
    const destBal = await cli(['balance', '--ss58', dest, '--json'], false);
    expect(json(destBal.stdout).free).toBe('1500000000');

    const advanced = await cli(['localnet', 'advance', '--blocks', '3', '--json'], false);
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(advanced.stderr).toMatch(/^built 1\/3 blocks, head #\d+/m);
    expect(json(advanced.stdout).head).toBeGreaterThan(json(set.stdout).blockNumber as number);

    // Revert to the block before the weights: the local chain forgets them.
    const weightsBlock = json(set.stdout).blockNumber as number;
    const revert = await cli(['localnet', 'revert', '--block', String(weightsBlock - 1), '--json'], false);
    expect(json(revert.stdout)).toEqual({ head: weightsBlock - 1 });
    const before = await cli(['metagraph', '--netuid', String(netuid), '--json'], false);
    expect((json(before.stdout).neurons as Array<Record<string, unknown>>)[1]).toMatchObject({ weights: [] });
  });

  it('stops cleanly on Ctrl-C', async () => {
    child.kill('SIGINT');
    expect(await childExit).toBe(0);
  });
});

describe('taonode localnet start --fork (argument path; forking itself needs internet)', () => {
  it('refuses a bad --fork before starting anything, and --fork with --chain-spec', async () => {
    const bad = await runCli(['localnet', 'start', '--fork', 'finney'], {
      env: { BT_SUBTENSOR_CHAIN_ENDPOINT: '' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--fork.*must be a websocket URL.*wss:\/\/entrypoint-finney/);
    const both = await runCli(
      ['localnet', 'start', '--fork', 'wss://x.example:443', '--chain-spec', 'x.json'],
      { env: { BT_SUBTENSOR_CHAIN_ENDPOINT: '' } },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  }, 240_000);
});
