import { Keyring } from '@polkadot/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burnedRegister } from '../actions/burnedRegister.js';
import { type ChainClient, connect } from '../client/connect.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { fundAccount, setStorage } from '../localnet/devRpc.js';
import { type Localnet, startLocalnet } from '../localnet/startLocalnet.js';
import { getAllCommitments } from './getAllCommitments.js';
import { getCommitment } from './getCommitment.js';
import { setCommitment } from './setCommitment.js';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const hotA = keyring.addFromUri('//CommitA');
const hotB = keyring.addFromUri('//CommitB');
const stranger = keyring.addFromUri('//CommitStranger');
const coldkey = keyring.addFromUri('//CommitColdkey');

let net: Localnet;
let client: ChainClient;
let netuid: number;

beforeAll(async () => {
  net = await startLocalnet({ blockMode: 'Instant' });
  client = await connect({ chainEndpoint: net.url, timeoutMs: 120_000 });
  ({ netuid } = await createSubnet(client));
  await fundAccount(client, coldkey.address, 1_000_000_000_000n);
  await burnedRegister(client, { signer: coldkey, hotkey: hotA.address, netuid });
  await burnedRegister(client, { signer: coldkey, hotkey: hotB.address, netuid });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await net?.close();
});

describe('commitments on the local chain (spec 293)', () => {
  it('set → get → getAll, Raw and BigRaw', async () => {
    const ref = 'hf://org/model@0123456789abcdef';
    const long = 'x'.repeat(300); // > 128 bytes: BigRaw
    const a = await setCommitment(client, { netuid, data: ref, signer: hotA });
    expect(a.fields[0]!.kind).toBe('Raw');
    const b = await setCommitment(client, { netuid, data: long, signer: hotB });
    expect(b.fields[0]!.kind).toBe('BigRaw');

    const one = await getCommitment(client, { netuid, hotkey: hotA.address });
    expect(one).toMatchObject({ hotkey: hotA.address, text: ref, deposit: 0n });
    expect(one!.block).toBeGreaterThan(0);
    expect(await getCommitment(client, { netuid, hotkey: stranger.address })).toBeUndefined();

    const all = await getAllCommitments(client, { netuid });
    expect(new Map(all.map((c) => [c.hotkey, c.text]))).toEqual(
      new Map([
        [hotA.address, ref],
        [hotB.address, long],
      ]),
    );
  }, 120_000);

  it('refuses an unregistered hotkey with the runtime error name', async () => {
    await expect(setCommitment(client, { netuid, data: 'nope', signer: stranger })).rejects.toMatchObject({
      name: 'AccountNotAllowedCommit',
      pallet: 'Commitments',
      hint: expect.stringMatching(/register/),
    });
  }, 60_000);

  it('refuses a commitment over the per-epoch space with the runtime error name', async () => {
    // MaxSpace below one call's size fails in a single block, whatever epoch it falls in.
    await setStorage(client, { Commitments: { MaxSpace: '0xc8000000' } }); // 200 bytes
    const data = 'y'.repeat(300);
    await expect(setCommitment(client, { netuid, data, signer: hotA })).rejects.toMatchObject({
      name: 'SpaceLimitExceeded',
      pallet: 'Commitments',
      hint: expect.stringMatching(/next epoch/),
    });
    await setStorage(client, { Commitments: { MaxSpace: '0x1c0c0000' } }); // the default 3100
  }, 60_000);
});
