import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keypair } from '@taonode/wallet';
import { afterAll, describe, expect, it } from 'vitest';
import { getBalance } from '../actions/getBalance.js';
import { getCurrentBlock, subscribeBlocks } from '../actions/subscribeBlocks.js';
import { transfer } from '../actions/transfer.js';
import { RAO_PER_TAO } from '../actions/units.js';
import { type ChainClient, connect } from '../client/connect.js';
import { ChainError } from '../errors/chainError.js';
import { PINNED_SPEC, parseChainSpec, sha256 } from './chainSpec.js';
import { deriveRawSpec } from './genesisBuilder.js';
import { findSharedDir } from './sharedDir.js';
import { type Localnet, startLocalnet } from './startLocalnet.js';

const shared = findSharedDir();
const plainPath = shared && join(shared, 'chain', PINNED_SPEC.fileName);
const rawPath = shared && join(shared, 'chain', PINNED_SPEC.rawFileName);
const alice = Keypair.fromUri('//Alice');

describe.skipIf(plainPath === undefined)('localnet', { timeout: 180_000 }, () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close().catch(() => undefined);
  });

  it('derives the raw genesis from the non-raw spec through GenesisBuilder, identical to the raw file', async () => {
    const plainBytes = readFileSync(plainPath!);
    expect(sha256(plainBytes)).toBe(PINNED_SPEC.sha256);
    const parsed = parseChainSpec(JSON.parse(plainBytes.toString('utf8')), plainPath!);
    expect(parsed.kind).toBe('plain');
    if (parsed.kind !== 'plain') return;
    const derived = await deriveRawSpec(parsed.spec);
    const raw = JSON.parse(readFileSync(rawPath!, 'utf8')) as {
      genesis: { raw: { top: Record<string, string> } };
    };
    expect(derived.genesis.raw.top).toEqual(raw.genesis.raw.top);
  });

  it('boots the non-raw spec, survives the chain stopping mid-call, and reconnects to its restart', async () => {
    // First chain: the non-raw spec, Manual blocks, so a submitted transaction stays in flight.
    let localnet: Localnet = await startLocalnet({ chainSpec: plainPath, blockMode: 'Manual' });
    open.push(localnet);
    const client: ChainClient = await connect({
      chainEndpoint: localnet.url,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    open.push(client);
    expect(localnet.specVersion).toBe(293);
    expect((await getBalance(client, { address: alice.ss58Address })).free).toBe(1_000_000n * RAO_PER_TAO);
    const subnets = await client.request('NetworksAdded', (api) =>
      api.query.subtensorModule.networksAdded.keys(),
    );
    expect(subnets.map((k) => k.args[0]!.toString()).sort()).toEqual(['0', '1']);

    // A block subscription taken before the drop keeps delivering after the restart.
    const heads: string[] = [];
    const unsubscribe = await subscribeBlocks(client, (b) => heads.push(b.hash));

    const dest = Keypair.fromUri('//Dave').ss58Address;
    const pending = transfer(client, { signer: alice, dest, amount: RAO_PER_TAO });
    pending.catch(() => undefined);
    await waitFor(async () => (await client.rpc<string[]>('author_pendingExtrinsics')).length === 1);
    await localnet.close();

    const lost = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(lost).toBeInstanceOf(ChainError);
    expect((lost as ChainError).name).toBe('ChainDisconnectedError');
    await expect(getCurrentBlock(client)).rejects.toMatchObject({ name: 'ChainDisconnectedError' });

    // Restart on the same port (raw spec, Instant blocks): the same client object recovers.
    localnet = await startLocalnet({ chainSpec: rawPath, port: localnet.port });
    open.push(localnet);
    await waitFor(async () => client.isConnected);
    expect(await getCurrentBlock(client)).toBeGreaterThanOrEqual(1);
    const seenBeforeRestart = heads.length;
    const sent = await transfer(client, { signer: alice, dest, amount: RAO_PER_TAO });
    expect((await getBalance(client, { address: dest })).free).toBeGreaterThanOrEqual(RAO_PER_TAO);
    await waitFor(async () => heads.slice(seenBeforeRestart).includes(sent.blockHash));
    unsubscribe();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
