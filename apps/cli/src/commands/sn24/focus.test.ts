/**
 * `taonode sn24 focus` end to end: the real CLI as child processes, the stand-in marketplace over
 * HTTP, real transfers on the local chain. The crash tests kill the CLI with SIGKILL while its
 * payment waits in the pool (chopsticks in Manual block mode), then run it again: the payment is
 * found on chain and handed back, never sent twice.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ChainClient,
  connect,
  getBalance,
  type Localnet,
  newBlocks,
  RAO_PER_TAO,
  startLocalnet,
} from '@taonode/chain';
import { type ProvisionedSubnet, provisionSubnet, waitFor } from '@taonode/neuron';
import { type FocusStandIn, type StandInListing, startFocusStandIn } from '@taonode/sn24/focus';
import { generateMnemonic, Keypair, Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

const mainTs = fileURLToPath(new URL('../../main.ts', import.meta.url));
const PRICE = RAO_PER_TAO / 4n;
const recorders = Array.from({ length: 5 }, () => Keypair.fromMnemonic(generateMnemonic()).ss58Address);
const listings: StandInListing[] = recorders.map((address, i) => ({
  videoId: `task-${i + 1}`,
  score: 0.5 + i / 10,
  priceRao: PRICE,
  address,
}));

let work: string;
let localnet: Localnet;
let client: ChainClient;
let subnet: ProvisionedSubnet;
let standIn: FocusStandIn;
const stateFile = () => join(work, 'stand-in.json');
const ledger = () => join(work, 'purchases.json');

const env = {
  TAONODE_WALLET_PASSWORD: '',
  BT_WALLET_PATH: '',
  BT_SUBTENSOR_CHAIN_ENDPOINT: '',
  TAONODE_DEBUG: '',
};
/** The flags each subcommand takes: list only the marketplace; status the wallet; buy also the chain. */
function args(rest: string[], hotkey = 'miner1'): string[] {
  const market = ['--sn24.focus_api', standIn.url];
  if (rest[2] === 'list') return [...rest, ...market];
  const wallet = ['--wallet.path', join(work, 'wallets'), '--wallet.name', subnet.walletName];
  const mine = [...wallet, '--wallet.hotkey', hotkey, '--ledger', ledger()];
  if (rest[2] === 'status') return [...rest, ...mine];
  return [...rest, ...market, ...mine, '--subtensor.chain_endpoint', localnet.url];
}
const cli = (rest: string[], hotkey?: string) => runCli(args(rest, hotkey), { env, timeoutMs: 180_000 });
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
const received = async (address: string) => (await getBalance(client, { address })).free;
const blockMode = (mode: 'Manual' | 'Instant') => client.rpc('dev_setBlockBuildMode', [mode]);

async function ledgerState(videoId: string): Promise<string | undefined> {
  const text = await readFile(ledger(), 'utf8').catch(() => '{"purchases":[]}');
  const entries = (JSON.parse(text) as { purchases: { videoId: string; state: string }[] }).purchases;
  return entries.find((e) => e.videoId === videoId)?.state;
}

/** `buy` as a child process that the test can kill; resolves its exit code. */
function startBuy(videoId: string): { kill: () => void; exit: Promise<number | null>; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@taonode/source',
      '--import',
      'tsx',
      mainTs,
      ...args(['sn24', 'focus', 'buy', videoId, '--yes']),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { kill: () => child.kill('SIGKILL'), exit, output: () => output };
}

/** Waits until the ledger says `sending` and the transfer sits in the pool. */
async function untilPending(videoId: string): Promise<void> {
  await waitFor(
    `${videoId}'s payment in the pool`,
    async () => {
      const pending = await client.rpc<unknown[]>('author_pendingExtrinsics');
      return (await ledgerState(videoId)) === 'sending' && pending.length > 0 ? true : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 300 },
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'taonode-focus-cli-'));
  localnet = await startLocalnet({ blockMode: 'Instant' });
  client = await connect({ chainEndpoint: localnet.url });
  subnet = await provisionSubnet(client, {
    walletPath: join(work, 'wallets'),
    miners: 1,
    subnet: { tempo: 1000 },
  });
  await new Wallet({ path: join(work, 'wallets'), name: subnet.walletName }).createHotkey({
    hotkey: 'unregistered',
  });
  standIn = await startFocusStandIn({ listings, stateFile: stateFile() });
}, 300_000);

afterAll(async () => {
  await standIn?.close();
  await client?.close();
  await localnet?.close();
  if (work) await rm(work, { recursive: true, force: true });
}, 60_000);

describe('taonode sn24 focus on a local chain', { timeout: 300_000 }, () => {
  it('lists the videos, buys one with a real transfer, hands the block hash back, and never pays twice', async () => {
    const list = await cli(['sn24', 'focus', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/task-1\s+0\.500\s+0\.25 τ\s+0\.277777777 τ/);
    expect(list.stdout.match(/task-\d/g)).toEqual(listings.map((l) => l.videoId));

    // No terminal and no --yes: refused before paying; the video stays announced.
    const refused = await cli(['sn24', 'focus', 'buy', 'task-1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/fee about .* balance .*\n.*not confirmed.*--yes/s);
    expect(await ledgerState('task-1')).toBe('announced');
    expect(await received(recorders[0]!)).toBe(0n);

    const bought = await cli(['sn24', 'focus', 'buy', 'task-1', '--yes', '--json']);
    expect(bought.code, bought.stderr).toBe(0);
    const entry = json(bought.stdout);
    expect(entry).toMatchObject({
      videoId: 'task-1',
      state: 'handed-back',
      address: recorders[0],
      amountRao: PRICE.toString(),
      blockHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    expect(await received(recorders[0]!)).toBe(PRICE);
    expect(standIn.claims()).toEqual([
      expect.objectContaining({ videoId: 'task-1', blockHash: entry.blockHash }),
    ]);

    const again = await cli(['sn24', 'focus', 'buy', 'task-1', '--yes', '--json']);
    expect(json(again.stdout)).toMatchObject({ state: 'handed-back', blockHash: entry.blockHash });
    expect(await received(recorders[0]!)).toBe(PRICE);

    const status = await cli(['sn24', 'focus', 'status']);
    expect(status.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^task-1 {2}handed-back {2}0\.25 τ/),
    ]);
  });

  it('a CLI killed while its payment waits in the pool resumes from the ledger: found on chain, handed back once', async () => {
    await blockMode('Manual');
    try {
      const buy = startBuy('task-2');
      await untilPending('task-2');
      buy.kill();
      await buy.exit;
      expect(await ledgerState('task-2')).toBe('sending');
      await newBlocks(client, 1);
      expect(await received(recorders[1]!)).toBe(PRICE);
    } finally {
      await blockMode('Instant');
    }
    const resumed = await cli(['sn24', 'focus', 'buy', 'task-2', '--yes', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/on its way when the last run stopped/);
    expect(json(resumed.stdout)).toMatchObject({ state: 'handed-back' });
    expect(await received(recorders[1]!)).toBe(PRICE);
  });

  it('a payment made while the marketplace is down is handed back later, not paid again', async () => {
    const port = standIn.port;
    await blockMode('Manual');
    let buy: ReturnType<typeof startBuy>;
    try {
      buy = startBuy('task-3');
      await untilPending('task-3');
      await standIn.close();
      await newBlocks(client, 1);
    } finally {
      await blockMode('Instant');
    }
    expect(await buy.exit).toBe(1);
    expect(buy.output()).toMatch(/hand-back failed.*run the same command again/s);
    expect(await ledgerState('task-3')).toBe('paid');
    expect(await received(recorders[2]!)).toBe(PRICE);

    standIn = await startFocusStandIn({ port, stateFile: stateFile() });
    const resumed = await cli(['sn24', 'focus', 'buy', 'task-3', '--yes', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(json(resumed.stdout)).toMatchObject({ state: 'handed-back' });
    expect(await received(recorders[2]!)).toBe(PRICE);
    expect(standIn.claims().map((c) => c.videoId)).toEqual(['task-1', 'task-2', 'task-3']);
  });

  it('refuses a hotkey its coldkey does not own (here: not registered) before anything is announced', async () => {
    const r = await cli(['sn24', 'focus', 'buy', 'task-4', '--yes'], 'unregistered');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not on chain.*validators only count payments from the coldkey owning/s);
    expect(await ledgerState('task-4')).toBeUndefined();
  });
});
