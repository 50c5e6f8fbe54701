import { Keyring } from '@polkadot/keyring';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { burnedRegister } from '../actions/burnedRegister.js';
import { type ChainClient, connect } from '../client/connect.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { fundAccount, headNumber, newBlocks, setStorage } from '../localnet/devRpc.js';
import { type Localnet, startLocalnet } from '../localnet/startLocalnet.js';
import { submitExtrinsic } from '../tx/submit.js';

let net: Localnet;
let client: ChainClient;
const kr = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = kr.addFromUri('//Alice');
const vHot = kr.addFromUri('//WVal');
const mHot = kr.addFromUri('//WMiner');
const cold = kr.addFromUri('//WCold');
beforeAll(async () => {
  net = await startLocalnet({ blockMode: 'Instant' });
  client = await connect({ chainEndpoint: net.url });
}, 120000);
afterAll(async () => { await client?.close(); await net?.close(); });

const tryIt = async (label: string, p: Promise<unknown>) => {
  try { const r = await p; console.log(label, 'OK', JSON.stringify(r, (_, v) => typeof v === 'bigint' ? v.toString() : v).slice(0, 300)); }
  catch (e) { const err = e as Error & { pallet?: string; details?: unknown }; console.log(label, 'ERR', err.name, err.pallet, err.message.slice(0, 200)); }
};

it('explore', async () => {
  const api = client.api;
  const { netuid } = await createSubnet(client, { tempo: 4, startCall: 'wait' });
  console.log('netuid', netuid, 'head', await headNumber(client));
  await fundAccount(client, cold.address, 10_000_000_000_000n);
  console.log(await burnedRegister(client, { signer: cold, hotkey: vHot.address, netuid }).then(r => r.uid));
  console.log(await burnedRegister(client, { signer: cold, hotkey: mHot.address, netuid }).then(r => r.uid));
  const q = api.query.subtensorModule;
  console.log('permit', (await q.validatorPermit(netuid)).toJSON(), 'lu', (await q.lastUpdate(netuid)).toJSON(), 'head', await headNumber(client));
  const sw = (s: typeof vHot, vk = 10002000) => submitExtrinsic(client, api.tx.subtensorModule.setWeights(netuid, [0, 1, 2], [100, 65535, 200], vk), { signer: s });
  await tryIt('set-noPermit-v', sw(vHot));
  await setStorage(client, { SubtensorModule: { ValidatorPermit: [[[netuid], [true, true, false]]] } });
  await tryIt('set-v', sw(vHot));
  console.log('weights', (await q.weights(netuid, 1)).toJSON(), 'lu', (await q.lastUpdate(netuid)).toJSON());
  await tryIt('set-m', sw(mHot));
  await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], '0x6400000000000000']] } });
  await tryIt('set-v-fast', sw(vHot));
  await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], '0x0000000000000000']], WeightsVersionKey: [[[netuid], '0x00e1f50500000000']] } });
  await tryIt('set-v-vk', sw(vHot));
  await setStorage(client, { SubtensorModule: { WeightsVersionKey: [[[netuid], '0x0000000000000000']], CommitRevealWeightsEnabled: [[[netuid], true]] } });
  await tryIt('set-v-cr', sw(vHot));
  const hash = '0x' + '11'.repeat(32);
  await tryIt('commit', submitExtrinsic(client, api.tx.subtensorModule.commitWeights(netuid, hash), { signer: vHot }));
  console.log('commits', JSON.stringify((await q.weightCommits(netuid, vHot.address)).toJSON()), 'head', await headNumber(client), 'lu', (await q.lastUpdate(netuid)).toJSON());
  await tryIt('reveal-early', submitExtrinsic(client, api.tx.subtensorModule.revealWeights(netuid, [0], [1], [1], 10002000), { signer: vHot }));
  await setStorage(client, { SubtensorModule: { WeightsSetRateLimit: [[[netuid], '0x6400000000000000']] } });
  await tryIt('commit-fast', submitExtrinsic(client, api.tx.subtensorModule.commitWeights(netuid, '0x' + '22'.repeat(32)), { signer: vHot }));
  await newBlocks(client, 6);
  await tryIt('reveal-mismatch', submitExtrinsic(client, api.tx.subtensorModule.revealWeights(netuid, [0], [1], [1], 10002000), { signer: vHot }));
  await tryIt('reveal-nocommit', submitExtrinsic(client, api.tx.subtensorModule.revealWeights(netuid, [0], [1], [1], 10002000), { signer: mHot }));
  await newBlocks(client, 8);
  await tryIt('reveal-expired', submitExtrinsic(client, api.tx.subtensorModule.revealWeights(netuid, [0], [1], [1], 10002000), { signer: vHot }));
  console.log('commits', JSON.stringify((await q.weightCommits(netuid, vHot.address)).toJSON()), 'head', await headNumber(client));
  await tryIt('commitment-unreg', submitExtrinsic(client, api.tx.commitments.setCommitment(netuid, { fields: [{ Raw2: '0x6869' }] }), { signer: alice.derive('//x') }));
  expect(1).toBe(1);
}, 300000);
