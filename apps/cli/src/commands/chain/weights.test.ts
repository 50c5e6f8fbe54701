import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addStake,
  burnedRegister,
  type ChainClient,
  connect,
  createSubnet,
  fundAccount,
  headNumber,
  type Localnet,
  newBlocks,
  setStorage,
  startLocalnet,
} from '@taonode/chain';
import { Keypair, Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

describe('taonode weights normalize (offline)', () => {
  it('prints exactly {"uids":[…],"weights":[…]} with --json', async () => {
    const r = await runCli(['weights', 'normalize', '--uids', '0,1,2', '--weights', '0.1,0.2,0.7', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"uids":[0,1,2],"weights":[9362,18724,65535]}\n');
  }, 120_000);

  it.each([
    ['a non-number', ['--uids', '0,x', '--weights', '1,1'], /--uids: "x" is not a uid/],
    ['NaN', ['--uids', '0,1', '--weights', '1,NaN'], /--weights: "NaN" is not a number/],
    [
      'mismatched lengths',
      ['--uids', '0,1,2', '--weights', '1,1'],
      /--uids\/--weights: .*differ in length \(3 vs 2\)/,
    ],
    [
      'a negative weight',
      ['--uids', '0,1', '--weights', '1,-0.5'],
      /--weights: weight for uid 1 is negative/,
    ],
    ['a duplicate uid', ['--uids', '4,4', '--weights', '1,1'], /--uids: uid 4 appears more than once/],
    ['an overflowing weight', ['--uids', '0', '--weights', '1e39'], /--weights: .*finite number/],
    ['a bad limit', ['--uids', '0', '--weights', '1', '--max-weight-limit', '2'], /--max-weight-limit:/],
  ])(
    'refuses %s with one line naming the flag (exit 2)',
    async (_what, args, message) => {
      const r = await runCli(['weights', 'normalize', ...args]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    },
    120_000,
  );

  it('keeps the error code in --json mode', async () => {
    const r = await runCli(['weights', 'normalize', '--uids', '0,1', '--weights', '1,-0.5', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('WeightsInputError');
  }, 120_000);

  it('refuses bad weights in `weights set` before reading the wallet or the network', async () => {
    const r = await runCli([
      'weights',
      'set',
      '--netuid',
      '1',
      '--uids',
      '0,1',
      '--weights',
      '1',
      '--wallet.path',
      '/nonexistent',
      '--subtensor.chain_endpoint',
      'ws://127.0.0.1:9',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --uids\/--weights: uids and weights differ in length/);
  }, 120_000);
});

describe('taonode weights/commitment against the local chain', () => {
  let net: Localnet;
  let client: ChainClient;
  let dir: string;
  let netuid: number;
  let hotkey: Keypair;
  const coldkey = Keypair.fromUri('//CliWeightsColdkey');
  const chainFlags = () => [
    '--subtensor.chain_endpoint',
    net.url,
    '--wallet.path',
    dir,
    '--wallet.name',
    'v',
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taonode-cli-weights-'));
    ({ keypair: hotkey } = await new Wallet({ path: dir, name: 'v' }).createHotkey());
    net = await startLocalnet({ blockMode: 'Instant' });
    client = await connect({ chainEndpoint: net.url, timeoutMs: 300_000 });
    ({ netuid } = await createSubnet(client));
    await fundAccount(client, coldkey.ss58Address, 10_000_000_000_000n);
    await burnedRegister(client, { signer: coldkey, hotkey: hotkey.ss58Address, netuid }); // uid 1
    await addStake(client, {
      signer: coldkey,
      hotkey: hotkey.ss58Address,
      netuid,
      amount: 1_000_000_000_000n,
    });
    await setStorage(client, { SubtensorModule: { ValidatorPermit: [[[netuid], [true, true]]] } });
  }, 600_000);

  afterAll(async () => {
    await client?.close();
    await net?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('weights set, then commit + reveal once the subnet turns commit-reveal on', async () => {
    const store = join(dir, 'reveals.json');
    const args = ['--netuid', String(netuid), '--reveal-store', store, '--json', ...chainFlags()];
    const set = await runCli(['weights', 'set', '--uids', '0,1', '--weights', '0.3,0.7', ...args], {
      timeoutMs: 240_000,
    });
    expect(set.stderr).toBe('');
    // Fee-free on this runtime, so nothing is asked even without --yes and without a terminal.
    expect(JSON.parse(set.stdout)).toMatchObject({
      action: 'set',
      uids: [0, 1],
      weights: [28086, 65535],
      fee: '0',
    });
    expect((await client.api.query.subtensorModule.weights(netuid, 1)).toJSON()).toEqual([
      [0, 28086],
      [1, 65535],
    ]);

    await setStorage(client, { SubtensorModule: { CommitRevealWeightsEnabled: [[[netuid], true]] } });
    // Commit in the first block of an epoch, so the next block is certainly too early to reveal.
    const tempo = Number((await client.api.query.subtensorModule.tempo(netuid)).toString());
    const next = (await headNumber(client)) + 1;
    const toEpochStart = (((-(netuid + 1) - next) % (tempo + 1)) + tempo + 1) % (tempo + 1);
    if (toEpochStart > 0) await newBlocks(client, toEpochStart);
    const commit = await runCli(['weights', 'set', '--uids', '0,1', '--weights', '1,1', ...args], {
      timeoutMs: 240_000,
    });
    const committed = JSON.parse(commit.stdout);
    expect(committed).toMatchObject({ action: 'committed', weights: [65535, 65535] });

    const early = await runCli(['weights', 'reveal', ...args], { timeoutMs: 240_000 });
    expect(JSON.parse(early.stdout)).toMatchObject({
      revealed: [],
      waiting: [{ commitHash: committed.commitHash }],
    });

    const head = await headNumber(client);
    if (head + 1 < committed.revealFromBlock) await newBlocks(client, committed.revealFromBlock - head - 1);
    const reveal = await runCli(['weights', 'reveal', ...args], { timeoutMs: 240_000 });
    expect(JSON.parse(reveal.stdout)).toMatchObject({
      revealed: [{ commitHash: committed.commitHash }],
      failed: [],
    });
    expect((await client.api.query.subtensorModule.weights(netuid, 1)).toJSON()).toEqual([
      [0, 65535],
      [1, 65535],
    ]);
  }, 600_000);

  it('commitment set and get', async () => {
    const base = ['--netuid', String(netuid), '--json', ...chainFlags()];
    const set = await runCli(['commitment', 'set', '--data', 'hf://org/model@abc', ...base], {
      timeoutMs: 240_000,
    });
    expect(set.code).toBe(0);
    const one = await runCli(['commitment', 'get', '--hotkey', hotkey.ss58Address, ...base], {
      timeoutMs: 240_000,
    });
    expect(JSON.parse(one.stdout)).toMatchObject({
      commitment: { hotkey: hotkey.ss58Address, data: 'hf://org/model@abc' },
    });
    const mine = await runCli(['commitment', 'get', '--mine', ...base], { timeoutMs: 240_000 });
    expect(JSON.parse(mine.stdout).commitment).toEqual(JSON.parse(one.stdout).commitment);
    const all = await runCli(['commitment', 'get', ...base], { timeoutMs: 240_000 });
    expect([all.code, all.stderr]).toEqual([0, '']);
    expect(JSON.parse(all.stdout).commitments).toHaveLength(1);
  }, 600_000);
});
