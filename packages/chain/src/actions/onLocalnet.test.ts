import { hexToU8a } from '@polkadot/util';
import { generateMnemonic, Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChainClient, connect } from '../client/connect.js';
import { ChainError, ChainInputError } from '../errors/chainError.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { fundAccount, headNumber, newBlocks, setHead, setStorage } from '../localnet/devRpc.js';
import { type Localnet, startLocalnet } from '../localnet/startLocalnet.js';
import { findEvent, submitExtrinsic } from '../tx/submit.js';
import { addStake, getStake } from './addStake.js';
import { blocksUntilNextEpoch } from './blocksUntilNextEpoch.js';
import { burnedRegister, getBurnCost, getUid } from './burnedRegister.js';
import { getBalance } from './getBalance.js';
import { getBlockTime } from './getBlockTime.js';
import { getBlockTransfers } from './getBlockTransfers.js';
import { getHotkeyOwner } from './getHotkeyOwner.js';
import { getHyperparameters } from './getHyperparameters.js';
import { getMetagraph } from './getMetagraph.js';
import { metagraphJsonSchema } from './metagraphSchema.js';
import { planDecoder } from './scaleDecoder.js';
import { serveAxon } from './serveAxon.js';
import { subscribeBlocks } from './subscribeBlocks.js';
import { transfer } from './transfer.js';
import { RAO_PER_TAO } from './units.js';

const fresh = () => Keypair.fromMnemonic(generateMnemonic());

async function chainError(promise: Promise<unknown>): Promise<ChainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChainError) return error;
    throw error;
  }
  throw new Error('expected a ChainError, the call succeeded');
}

const u16 = (n: number) => `0x${Buffer.from(new Uint16Array([n]).buffer).toString('hex')}`;
const u64 = (n: number) => `0x${Buffer.from(new BigUint64Array([BigInt(n)]).buffer).toString('hex')}`;

describe('chain actions against the real subtensor runtime', { timeout: 120_000 }, () => {
  let localnet: Localnet;
  let client: ChainClient;
  let netuid: number;
  const coldkey = fresh();
  const hotkey = fresh();
  let uid: number;

  beforeAll(async () => {
    localnet = await startLocalnet();
    client = await connect({ chainEndpoint: localnet.url });
    // A long tempo keeps epochs (and validator permits) out of the way until the epoch test.
    ({ netuid } = await createSubnet(client, { tempo: 1000 }));
    await fundAccount(client, coldkey.ss58Address, 10_000n * RAO_PER_TAO);
  });

  afterAll(async () => {
    await client?.close();
    await localnet?.close();
  });

  it('reads balances, transfers, and reports an unfunded signer as Payment', async () => {
    expect((await getBalance(client, { address: coldkey.ss58Address })).free).toBe(10_000n * RAO_PER_TAO);
    const dest = fresh().ss58Address;
    await transfer(client, { signer: coldkey, dest, amount: 2n * RAO_PER_TAO });
    expect((await getBalance(client, { address: dest })).free).toBe(2n * RAO_PER_TAO);
    const err = await chainError(transfer(client, { signer: fresh(), dest, amount: RAO_PER_TAO }));
    expect(err.name).toBe('Payment');
    expect(err.pallet).toBe('pool');
    expect(err.hint).toMatch(/fund/);
  });

  it("reads a block's transfers (batched ones too), refuses a reused nonce, and reports an unknown block", async () => {
    const dest = fresh().ss58Address;
    const sent = await transfer(client, { signer: coldkey, dest, amount: 3n * RAO_PER_TAO });
    const block = await getBlockTransfers(client, { blockHash: sent.blockHash });
    expect(block).toMatchObject({ hash: sent.blockHash, canonical: true });
    expect(block.number).toBe(await headNumber(client));
    expect(block.timestamp).toBeGreaterThan(0);
    expect(block.transfers).toEqual([
      expect.objectContaining({
        from: coldkey.ss58Address,
        to: dest,
        amount: 3n * RAO_PER_TAO,
        call: 'balances.transferKeepAlive',
        signer: coldkey.ss58Address,
        id: `${sent.blockHash}#${block.transfers[0]!.eventIndex}`,
      }),
    ]);

    const { balances, utility } = client.api.tx;
    const batch = await submitExtrinsic(
      client,
      utility.batchAll([balances.transferKeepAlive(dest, RAO_PER_TAO), balances.transferKeepAlive(dest, 2n)]),
      { signer: coldkey },
    );
    const batched = await getBlockTransfers(client, { blockHash: batch.blockHash });
    expect(batched.transfers.map((t) => [t.call, t.amount])).toEqual([
      ['utility.batchAll', RAO_PER_TAO],
      ['utility.batchAll', 2n],
    ]);
    expect(new Set(batched.transfers.map((t) => t.id)).size).toBe(2);

    // The nonce of the first transfer is spent: signing with it again cannot pay a second time.
    const { nonce } = await getBalance(client, { address: coldkey.ss58Address });
    const reused = await chainError(
      transfer(client, { signer: coldkey, dest, amount: RAO_PER_TAO, nonce: nonce - 2 }),
    );
    expect(reused.pallet).toBe('pool');
    expect((await getBalance(client, { address: dest })).free).toBe(4n * RAO_PER_TAO + 2n);

    expect(await getBlockTransfers(client, { blockNumber: block.number })).toEqual(block);
    const future = await chainError(getBlockTransfers(client, { blockNumber: block.number + 1000 }));
    expect(future.name).toBe('BlockNotFound');
    const missing = await chainError(getBlockTransfers(client, { blockHash: `0x${'ab'.repeat(32)}` }));
    expect(missing.name).toBe('BlockNotFound');
    expect((await chainError(getBlockTransfers(client, { blockHash: '0x12' }))).name).toBe('ChainInputError');
    // The lighter read of a block's hash and time (no state) agrees.
    expect(await getBlockTime(client, { blockNumber: block.number })).toEqual({
      number: block.number,
      hash: block.hash,
      timestampMs: block.timestamp,
    });
    expect((await chainError(getBlockTime(client, { blockNumber: block.number + 1000 }))).name).toBe(
      'BlockNotFound',
    );
  });

  it('registers a hotkey with burned_register and refuses a second registration', async () => {
    expect(await getBurnCost(client, { netuid })).toBeGreaterThan(0n);
    ({ uid } = await burnedRegister(client, { signer: coldkey, hotkey: hotkey.ss58Address, netuid }));
    expect(uid).toBe(1);
    expect(await getUid(client, { netuid, hotkey: hotkey.ss58Address })).toBe(1);
    expect(await getUid(client, { netuid, hotkey: fresh().ss58Address })).toBeUndefined();
    const again = await chainError(
      burnedRegister(client, { signer: coldkey, hotkey: hotkey.ss58Address, netuid }),
    );
    expect(again.name).toBe('HotKeyAlreadyRegisteredInSubNet');
    expect(await getHotkeyOwner(client, { hotkey: hotkey.ss58Address })).toBe(coldkey.ss58Address);
    expect(await getHotkeyOwner(client, { hotkey: fresh().ss58Address })).toBeUndefined();
    expect(again.pallet).toBe('SubtensorModule');
  });

  it('refuses weights from an unregistered hotkey, below the version key, too fast, and without permit', async () => {
    const head = await headNumber(client);
    const setWeights = (signer: Keypair, uids: number[], values: number[], versionKey = 0) =>
      submitExtrinsic(client, client.api.tx.subtensorModule.setWeights(netuid, uids, values, versionKey), {
        signer,
      });

    const unregistered = await chainError(setWeights(fresh(), [0], [65535]));
    expect(unregistered.name).toBe('HotKeyNotRegisteredInSubNet');
    expect(unregistered.hint).toMatch(/register/);

    const noPermit = await chainError(setWeights(hotkey, [0, 1], [65535, 65535]));
    expect(noPermit.name).toBe('NeuronNoValidatorPermit');

    await setStorage(client, { SubtensorModule: { WeightsVersionKey: [[[netuid], u64(7)]] } });
    expect((await chainError(setWeights(hotkey, [1], [65535], 6))).name).toBe('IncorrectWeightVersionKey');

    await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], u64(1000)]] } });
    const tooFast = await chainError(setWeights(hotkey, [1], [65535], 7));
    expect(tooFast.name).toBe('SettingWeightsTooFast');
    expect(tooFast.hint).toMatch(/WeightsSetRateLimit/);

    // dev_setHead drops the seeded limits again; a self-weight then goes through.
    await setHead(client, head);
    const ok = await setWeights(hotkey, [1], [65535]);
    expect(findEvent(ok, 'subtensorModule', 'WeightsSet')).toBeDefined();
  });

  it('serves an axon: 127.0.0.1 is refused by the runtime, 127.0.0.2 is served once, then skipped', async () => {
    const refused = await chainError(
      serveAxon(client, { signer: hotkey, netuid, ip: '127.0.0.1', port: 8091, skipLocalChecks: true }),
    );
    expect(refused.name).toBe('InvalidIpAddress');
    expect(refused.details.customCode).toBe(11);
    const local = await chainError(
      serveAxon(client, { signer: hotkey, netuid, ip: '127.0.0.1', port: 8091 }),
    );
    expect(local.name).toBe('InvalidIpAddress');
    expect(local.details.checkedLocally).toBe(true);

    const notRegistered = await chainError(
      serveAxon(client, { signer: fresh(), netuid, ip: '127.0.0.2', port: 8091 }),
    );
    expect(notRegistered.name).toBe('HotKeyNotRegisteredInNetwork');

    expect((await serveAxon(client, { signer: hotkey, netuid, ip: '127.0.0.2', port: 8091 })).changed).toBe(
      true,
    );
    expect((await serveAxon(client, { signer: hotkey, netuid, ip: '127.0.0.2', port: 8091 })).skipped).toBe(
      true,
    );
  });

  it('adds stake and refuses amounts below the chain minimum before sending', async () => {
    await addStake(client, {
      signer: coldkey,
      hotkey: hotkey.ss58Address,
      netuid,
      amount: 100n * RAO_PER_TAO,
    });
    expect(
      await getStake(client, { hotkey: hotkey.ss58Address, coldkey: coldkey.ss58Address, netuid }),
    ).toBeGreaterThan(0n);
    await expect(
      addStake(client, { signer: coldkey, hotkey: hotkey.ss58Address, netuid, amount: 1000n }),
    ).rejects.toThrow(ChainInputError);
  });

  it('reads the metagraph: neurons, axons, stake, weights and hyperparameters', async () => {
    const mg = await getMetagraph(client, { netuid, weights: true });
    expect(mg.netuid).toBe(netuid);
    expect(mg.neurons).toHaveLength(2);
    const n = mg.neurons[uid]!;
    expect(n.hotkey).toBe(hotkey.ss58Address);
    expect(n.coldkey).toBe(coldkey.ss58Address);
    expect(n.axon).toMatchObject({ ip: '127.0.0.2', port: 8091, ipType: 4, protocol: 4, serving: true });
    expect(n.totalStake).toBeGreaterThan(0n);
    expect(n.alphaStake).toBeGreaterThan(0n);
    expect(n.blockAtRegistration).toBeGreaterThan(0);
    expect(n.lastUpdate).toBeGreaterThan(0);
    for (const v of [n.trust, n.consensus, n.incentive, n.dividends]) expect(v).toBeGreaterThanOrEqual(0);
    expect(mg.neurons[0]!.axon.serving).toBe(false);
    expect(n.active).toBe(true);
    expect(typeof n.validatorPermit).toBe('boolean');
    expect(n.emission).toBeGreaterThanOrEqual(0n);
    expect(n.taoStake).toBeGreaterThanOrEqual(0n);
    expect(n.raw.trust).toBe(Math.round(n.trust * 65535));
    // The self-weight set in the refusals test, read back from Weights storage at the same block.
    expect(n.weights).toEqual([{ uid, raw: 65535, weight: 1 }]);
    expect(mg.neurons[0]!.weights).toEqual([]);
    expect(mg.hyperparameters.kappaFloat).toBeCloseTo(mg.hyperparameters.kappa / 65535, 12);
    expect(mg.hyperparameters.weightsVersionKey).toBe(0n);
    expect(mg.hyperparameters.commitRevealPeriod).toBeGreaterThanOrEqual(1);
    expect(mg.hyperparameters).toMatchObject({
      tempo: 1000,
      weightsRateLimit: 0,
      commitRevealEnabled: false,
      minAllowedWeights: 0,
      maxWeightsLimit: 65535,
      maxWeightLimit: 1,
    });
    expect(await getHyperparameters(client, { netuid })).toEqual(mg.hyperparameters);
    // The plain SCALE decoder reads exactly what polkadot.js decodes from the same bytes.
    const fn = client.api.call.subnetInfoRuntimeApi!.getMetagraph!;
    const hex = await client.rpc<string>('state_call', ['SubnetInfoRuntimeApi_get_metagraph', u16(netuid)]);
    const outType = fn.meta.type.toString();
    const fast = planDecoder(client.api.registry, outType)(hexToU8a(hex));
    // Bytes, not hex: polkadot.js reads a hex string for an Option as the inner value's encoding.
    const slow = client.api.registry.createType(outType, hexToU8a(hex)).toJSON();
    expect(metagraphJsonSchema.parse(fast)).toEqual(metagraphJsonSchema.parse(slow));
    expect((await chainError(getMetagraph(client, { netuid: 999 }))).name).toBe('SubnetNotExists');
  });

  it('streams new heads and predicts the next epoch block', async () => {
    const seen: number[] = [];
    const unsubscribe = await subscribeBlocks(client, (b) => seen.push(b.number));
    const head = await headNumber(client);
    await setStorage(client, { SubtensorModule: { Tempo: [[[netuid], '0x0300']] } });
    const distance = (await blocksUntilNextEpoch(client, { netuid }))!;
    expect(distance).toBeGreaterThanOrEqual(1);
    expect(distance).toBeLessThanOrEqual(4);
    if (distance > 1) {
      await newBlocks(client, distance - 1);
      expect((await getMetagraph(client, { netuid })).blocksSinceLastStep).toBeGreaterThan(0);
    }
    await newBlocks(client, 1);
    expect((await getMetagraph(client, { netuid })).blocksSinceLastStep).toBe(0);
    await vi_waitFor(() => seen.includes(head + distance));
    unsubscribe();
    await setHead(client, head);
  });
});

async function vi_waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
