import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStake } from '../actions/addStake.js';
import { burnedRegister } from '../actions/burnedRegister.js';
import { getMetagraph } from '../actions/getMetagraph.js';
import { type ChainClient, connect } from '../client/connect.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { fundAccount, headNumber, newBlocks, setHead, setStorage } from '../localnet/devRpc.js';
import { type Localnet, startLocalnet } from '../localnet/startLocalnet.js';
import { normalizeWeights } from './normalizeWeights.js';
import { PendingRevealStore } from './pendingReveals.js';
import { revealPending } from './revealPending.js';
import { revealWeights } from './revealWeights.js';
import { setWeights } from './setWeights.js';
import { submitWeights } from './submitWeights.js';

// One chopsticks chain for the whole file; tempo 4 keeps commit→reveal to a handful of blocks.
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const validator = keyring.addFromUri('//WeightsValidator');
const miner = keyring.addFromUri('//WeightsMiner');
const coldkey = keyring.addFromUri('//WeightsColdkey');
const stranger = keyring.addFromUri('//WeightsStranger');
/** A runtime refusal: its own name and a one-line hint. */
const refusal = (name: string) => ({ name, hint: expect.stringMatching(/^[^\n]+$/) });
const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return `0x${b.toString('hex')}`;
};

let net: Localnet;
let client: ChainClient;
let netuid: number;
let base: number;
let dir: string;

async function onChainWeights(uid: number): Promise<Array<[number, number]>> {
  return (await client.api.query.subtensorModule.weights(netuid, uid)).toJSON() as Array<[number, number]>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-weights-'));
  net = await startLocalnet({ blockMode: 'Instant' });
  client = await connect({ chainEndpoint: net.url, timeoutMs: 120_000 });
  ({ netuid } = await createSubnet(client, { tempo: 4 }));
  await fundAccount(client, coldkey.address, 10_000_000_000_000n);
  await burnedRegister(client, { signer: coldkey, hotkey: validator.address, netuid }); // uid 1
  await burnedRegister(client, { signer: coldkey, hotkey: miner.address, netuid }); // uid 2
  // Stake keeps the validator's permit when epochs recompute permits (every tempo + 1 blocks).
  await addStake(client, { signer: coldkey, hotkey: validator.address, netuid, amount: 1_000_000_000_000n });
  // Permits are otherwise only computed at the next epoch.
  await setStorage(client, { SubtensorModule: { ValidatorPermit: [[[netuid], [true, true, false]]] } });
  base = await headNumber(client);
}, 300_000);

afterAll(async () => {
  await client?.close();
  await net?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('weights on the local chain (spec 293)', () => {
  it('V5/V7: call bytes built from the runtime metadata match the vectors', () => {
    const { api } = client;
    expect(
      api.tx.subtensorModule.setWeights(1, [0, 1, 2], [9362, 18724, 65535], 10002000).method.toHex(),
    ).toBe('0x070001000c0000010002000c92242449ffff509e980000000000');
    expect(api.tx.commitments.setCommitment(1, { fields: [{ Raw5: '0x68656c6c6f' }] }).method.toHex()).toBe(
      '0x12000100040668656c6c6f',
    );
  });

  it('sets weights and reads them back from storage and the metagraph', async () => {
    const { uids, weights } = normalizeWeights([0, 1, 2], [0.1, 0.2, 0.7]);
    const tx = await setWeights(client, { netuid, uids, weights, signer: validator });
    expect(await onChainWeights(1)).toEqual([
      [0, 9362],
      [1, 18724],
      [2, 65535],
    ]);
    const metagraph = await getMetagraph(client, { netuid });
    expect(metagraph.neurons[1]!.lastUpdate).toBe(tx.blockNumber);
  }, 120_000);

  it('surfaces the runtime refusals with their own names', async () => {
    const w = { uids: [0, 1, 2], weights: [1, 65535, 2] };
    // The issue's `NotRegistered`: the runtime calls it HotKeyNotRegisteredInSubNet today.
    await expect(setWeights(client, { netuid, ...w, signer: stranger })).rejects.toMatchObject(
      refusal('HotKeyNotRegisteredInSubNet'),
    );
    await expect(setWeights(client, { netuid, ...w, signer: miner })).rejects.toMatchObject({
      ...refusal('NeuronNoValidatorPermit'),
      pallet: 'SubtensorModule',
    });
    await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], u64(100n)]] } });
    await expect(setWeights(client, { netuid, ...w, signer: validator })).rejects.toMatchObject(
      refusal('SettingWeightsTooFast'),
    );
    await setStorage(client, {
      SubtensorModule: {
        WeightsSetRateLimit: [[[netuid], u64(0n)]],
        WeightsVersionKey: [[[netuid], u64(20_000_000n)]],
      },
    });
    await expect(setWeights(client, { netuid, ...w, signer: validator })).rejects.toMatchObject(
      refusal('IncorrectWeightVersionKey'),
    );
    await setStorage(client, {
      SubtensorModule: {
        WeightsVersionKey: [[[netuid], u64(0n)]],
        CommitRevealWeightsEnabled: [[[netuid], true]],
      },
    });
    await expect(setWeights(client, { netuid, ...w, signer: validator })).rejects.toMatchObject(
      refusal('CommitRevealEnabled'),
    );
    await setHead(client, base);
  }, 180_000);

  it('submitWeights checks version key and rate limit before sending, and never resends identical weights', async () => {
    const store = join(dir, 'set.json');
    const first = await submitWeights(client, {
      netuid,
      uids: [0, 2],
      weights: [0.5, 0.25],
      signer: validator,
      store,
    });
    expect(first).toMatchObject({ action: 'set', uids: [0, 2], weights: [65535, 32768] });
    await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], u64(100n)]] } });
    const again = await submitWeights(client, {
      netuid,
      uids: [0, 2],
      weights: [0.5, 0.25],
      signer: validator,
      store,
    });
    expect(again).toMatchObject({ action: 'skipped', reason: 'already-set' });
    await expect(
      submitWeights(client, { netuid, uids: [0, 2], weights: [0.5, 0.5], signer: validator, store }),
    ).rejects.toMatchObject({
      ...refusal('SettingWeightsTooFast'),
      details: { blocksLeft: expect.any(Number) },
    });
    await setStorage(client, { SubtensorModule: { WeightsVersionKey: [[[netuid], u64(20_000_000n)]] } });
    await expect(
      submitWeights(client, { netuid, uids: [0], weights: [1], signer: validator, store }),
    ).rejects.toMatchObject(refusal('IncorrectWeightVersionKey'));
    await expect(
      submitWeights(client, { netuid, uids: [0], weights: [1], signer: stranger, store }),
    ).rejects.toMatchObject(refusal('HotKeyNotRegisteredInSubNet'));
    const head = await headNumber(client);
    expect(head).toBe(first.action === 'set' ? first.blockNumber : -1); // nothing else was sent
    await setHead(client, base);
  }, 120_000);

  it('commits, refuses an early reveal, survives a restart, reveals in the window', async () => {
    await setStorage(client, { SubtensorModule: { CommitRevealWeightsEnabled: [[[netuid], true]] } });
    const path = join(dir, 'reveals.json');
    const committed = await submitWeights(client, {
      netuid,
      uids: [0, 1, 2],
      weights: [0.1, 0.2, 0.7],
      signer: validator,
      store: path,
    });
    if (committed.action !== 'committed') throw new Error(`expected a commit, got ${committed.action}`);
    expect(committed.revealFromBlock).toBeGreaterThan(committed.blockNumber);
    const [entry] = await new PendingRevealStore(path).list();
    expect(entry).toMatchObject({
      status: 'committed',
      commitHash: committed.commitHash,
      values: [9362, 18724, 65535],
    });

    // The same weights again while the commit is pending: nothing is sent.
    const dup = await submitWeights(client, {
      netuid,
      uids: [0, 1, 2],
      weights: [0.1, 0.2, 0.7],
      signer: validator,
      store: path,
    });
    expect(dup).toMatchObject({ action: 'skipped', reason: 'already-committed' });

    await expect(
      revealWeights(client, {
        netuid,
        uids: entry!.uids,
        weights: entry!.values,
        salt: entry!.salt,
        versionKey: BigInt(entry!.versionKey),
        signer: validator,
      }),
    ).rejects.toMatchObject(refusal('RevealTooEarly'));
    const early = await revealPending(client, { signer: validator, store: path });
    expect(early.waiting).toHaveLength(1);

    // "Restart": a new client and a new store object over the same file.
    await client.close();
    client = await connect({ chainEndpoint: net.url, timeoutMs: 120_000 });
    const head = await headNumber(client);
    if (head + 1 < committed.revealFromBlock!) await newBlocks(client, committed.revealFromBlock! - head - 1);
    const after = await revealPending(client, { signer: validator, store: new PendingRevealStore(path) });
    expect(after.revealed.map((r) => r.commitHash)).toEqual([committed.commitHash]);
    expect(await onChainWeights(1)).toEqual([
      [0, 9362],
      [1, 18724],
      [2, 65535],
    ]);
    expect(await new PendingRevealStore(path).list()).toEqual([]);
  }, 240_000);

  it('drops a commit whose window has passed', async () => {
    const path = join(dir, 'expired.json');
    const committed = await submitWeights(client, {
      netuid,
      uids: [0, 2],
      weights: [1, 1],
      signer: validator,
      store: path,
    });
    if (committed.action !== 'committed') throw new Error(`expected a commit, got ${committed.action}`);
    const head = await headNumber(client);
    await newBlocks(client, committed.revealUntilBlock! - head);
    const result = await revealPending(client, { signer: validator, store: path });
    expect(result.revealed).toEqual([]);
    expect(result.dropped.map((d) => d.entry.commitHash)).toEqual([committed.commitHash]);
    expect(await new PendingRevealStore(path).list()).toEqual([]);
  }, 240_000);

  it('commits timelocked weights (CRv3 on this runtime); the local chain never reveals them', async () => {
    await setStorage(client, { SubtensorModule: { CommitRevealWeightsEnabled: [[[netuid], true]] } });
    const result = await submitWeights(client, {
      netuid,
      uids: [0, 1],
      weights: [0.25, 1],
      signer: validator,
      store: join(dir, 'timelocked.json'),
      mode: 'timelocked',
    });
    expect(result).toMatchObject({ action: 'committed', scheme: 'timelocked', weights: [16384, 65535] });
    if (result.action !== 'committed') throw new Error('expected a commit');
    expect(result.revealRound).toBeGreaterThan(0);
    const q = client.api.query.subtensorModule;
    const stored = await (q.crv3WeightCommits ?? q.timelockedWeightCommits)!.entries(netuid);
    expect(JSON.stringify(stored.map(([, v]) => v.toHuman()))).toContain(validator.address);
    // Nothing to reveal by hand: the store holds no pending entry for it.
    expect(await new PendingRevealStore(join(dir, 'timelocked.json')).list()).toEqual([]);
  }, 120_000);
});
