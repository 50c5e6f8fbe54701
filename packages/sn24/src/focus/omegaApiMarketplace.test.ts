import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMnemonic, Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FocusError } from './focusError.js';
import { hotkeyCredentials } from './hotkeyAuth.js';
import { omegaApiMarketplace } from './omegaApiMarketplace.js';
import { type FocusStandIn, startFocusStandIn } from './standIn/focusStandIn.js';

const HASH = `0x${'5e'.repeat(32)}`;
const key = () => Keypair.fromMnemonic(generateMnemonic());
const recorder = key().ss58Address;
const alice = key();
const bob = key();

async function failure(p: Promise<unknown>): Promise<FocusError> {
  const err = await p.catch((e: unknown) => e);
  if (err instanceof FocusError) return err;
  throw new Error(`expected a FocusError, got ${String(err)}`);
}

/** A server answering every request with one canned response, as OMEGA's API might. */
async function canned(status: number, body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the OMEGA API client against the stand-in over HTTP', () => {
  let dir: string;
  let standIn: FocusStandIn;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'focus-standin-'));
    standIn = await startFocusStandIn({
      stateFile: join(dir, 'state.json'),
      listings: [
        { videoId: 'task-1', score: 0.9, priceRao: 250_000_000n, address: recorder },
        { videoId: 'task-2', score: 0.4, priceRao: 100_000_001n, address: recorder },
      ],
    });
  });
  afterAll(async () => {
    await standIn?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists, announces, hands back, and lists the claim for validators', async () => {
    const market = omegaApiMarketplace({ url: `${standIn.url}/` });
    expect(market.url).toBe(standIn.url);
    expect(await market.listVideos()).toEqual([
      { videoId: 'task-1', score: 0.9, priceRao: 250_000_000n },
      { videoId: 'task-2', score: 0.4, priceRao: 100_000_001n },
    ]);
    const quote = await market.announcePurchase('task-2', hotkeyCredentials(alice));
    expect(quote).toEqual({ videoId: 'task-2', address: recorder, amountRao: 100_000_001n });
    expect((await market.listVideos()).map((v) => v.videoId)).toEqual(['task-1']);

    const locked = await failure(market.announcePurchase('task-2', hotkeyCredentials(bob)));
    expect(locked).toMatchObject({
      code: 'MarketplaceRefused',
      message: expect.stringMatching(/another miner/),
    });
    const unknown = await failure(market.announcePurchase('task-9', hotkeyCredentials(bob)));
    expect(unknown.message).toMatch(/HTTP 404: Focus video task-9 not found/);

    expect(
      await market.handBack({ videoId: 'task-2', blockHash: HASH }, hotkeyCredentials(bob)),
    ).toMatchObject({
      accepted: false,
    });
    expect(
      await market.handBack({ videoId: 'task-2', blockHash: HASH }, hotkeyCredentials(alice)),
    ).toMatchObject({
      accepted: true,
    });
    const { claims, malformed } = await market.purchaseClaims();
    expect(malformed).toEqual([]);
    expect(claims).toEqual([
      {
        videoId: 'task-2',
        minerHotkey: alice.ss58Address,
        address: recorder,
        amountRao: 100_000_001n,
        blockHash: HASH,
        claimedAt: expect.any(Number),
      },
    ]);
  });

  it('refuses a forged hotkey signature with 401 and a body that does not parse with 422', async () => {
    const market = omegaApiMarketplace({ url: standIn.url });
    const forged = { hotkey: bob.ss58Address, signature: hotkeyCredentials(alice).signature };
    const err = await failure(market.announcePurchase('task-1', forged));
    expect(err).toMatchObject({ code: 'MarketplaceRefused', details: { status: 401 } });
    expect(err.hint).toMatch(/hotkey signature/);
    const res = await fetch(`${standIn.url}/api/focus/purchase`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${alice.ss58Address}:${hotkeyCredentials(alice).signature}`).toString('base64')}`,
      },
      body: JSON.stringify({ video_id: 'bad id with spaces' }),
    });
    expect(res.status).toBe(422);
  });

  it('keeps its books across a restart on the same state file', async () => {
    const again = await startFocusStandIn({ stateFile: join(dir, 'state.json') });
    try {
      expect(again.claims().map((c) => c.videoId)).toEqual(['task-2']);
      const market = omegaApiMarketplace({ url: again.url });
      expect((await market.listVideos()).map((v) => v.videoId)).toEqual(['task-1']);
    } finally {
      await again.close();
    }
  });
});

describe('the OMEGA API client on what else a server may answer', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });
  const serve = async (status: number, body: unknown) => {
    const c = await canned(status, body);
    servers.push(c.server);
    return omegaApiMarketplace({ url: c.url, timeoutMs: 5_000 });
  };

  it('maps 429, FastAPI errors, error statuses and odd bodies to FocusErrors with hints', async () => {
    expect((await failure((await serve(429, { detail: 'Rate limit exceeded' })).listVideos())).code).toBe(
      'MarketplaceRateLimited',
    );
    const refused = await failure(
      (await serve(403, { detail: 'Miner is banned' })).announcePurchase('v', hotkeyCredentials(alice)),
    );
    expect(refused.message).toMatch(/HTTP 403: Miner is banned/);
    const capped = await failure(
      (await serve(200, { status: 'error', message: 'daily cap reached' })).announcePurchase(
        'v',
        hotkeyCredentials(alice),
      ),
    );
    expect(capped).toMatchObject({
      code: 'MarketplaceRefused',
      message: expect.stringMatching(/daily cap reached/),
    });
    expect((await failure((await serve(200, '<html>')).listVideos())).code).toBe('MarketplaceBadResponse');
    const offline = omegaApiMarketplace({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    expect((await failure(offline.listVideos())).code).toBe('MarketplaceUnreachable');
  });

  it("says when a marketplace (OMEGA's hosted API) does not list purchases, and skips malformed records", async () => {
    const none = await failure((await serve(404, { detail: 'Not Found' })).purchaseClaims());
    expect(none.code).toBe('PurchaseListUnsupported');
    expect(none.hint).toMatch(/taonode sn24 focus serve/);
    const mixed = await serve(200, {
      purchases: [
        {
          video_id: 'ok',
          miner_hotkey: alice.ss58Address,
          address: recorder,
          amount_rao: '5',
          block_hash: HASH,
          claimed_at: '2026-01-01T00:00:00Z',
        },
        { video_id: 'bad', amount_rao: '-1' },
      ],
    });
    const { claims, malformed } = await mixed.purchaseClaims();
    expect(claims.map((c) => c.videoId)).toEqual(['ok']);
    expect(malformed).toEqual([{ index: 1, problem: expect.any(String) }]);
  });
});
