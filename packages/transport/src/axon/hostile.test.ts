// 10k hostile and valid requests, mixed and concurrent: every one gets its status, the axon keeps
// serving, and its memory (nonce window, queues) stays bounded.
import { Keypair } from '@taonode/wallet';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNonces } from '../codec/nonce.js';
import { Dummy, signedDummyRequest } from '../testing/fixtures.js';
import { type Axon, createAxon } from './createAxon.js';

const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
const charlie = Keypair.fromUri('//Charlie');
const MAX_ENDPOINTS = 500;

let axon: Axon;
let pool: Pool;

beforeAll(async () => {
  axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0, maxNonceEndpoints: MAX_ENDPOINTS });
  axon.attach(Dummy, {
    forward: (s) => {
      s.dummy_output = s.dummy_input + 1;
      return s;
    },
    blacklist: (s) => (s.dendrite.hotkey === charlie.ss58Address ? [true, 'unregistered'] : [false, '']),
  });
  await axon.start();
  pool = new Pool(`http://127.0.0.1:${axon.address.port}`, { connections: 16 });
});
afterAll(async () => {
  await pool.close();
  await axon.stop();
});

type Req = { path: string; headers: Record<string, string>; body: string };
let counter = 0;
const fresh = (o: Partial<Parameters<typeof signedDummyRequest>[0]> = {}) =>
  signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `lane-${counter++}`, ...o });
const replayable: Req[] = [];

// Each kind builds a request (right before it is sent, so nonces are current) and names its status.
const kinds: Record<string, { status: number; make: () => Req }> = {
  valid: {
    status: 200,
    make: () => {
      const r = { path: '/Dummy', ...fresh() };
      if (replayable.length < 50) replayable.push(r);
      return r;
    },
  },
  malformedJson: { status: 400, make: () => ({ path: '/Dummy', ...fresh({ body: '{"dummy_input": [' }) }) },
  wrongType: { status: 422, make: () => ({ path: '/Dummy', ...fresh({ body: '{"dummy_input":{"a":1}}' }) }) },
  oversized: {
    status: 413,
    make: () => ({ path: '/Dummy', ...fresh({ body: `{"dummy_input":1,"x":"${'y'.repeat(17_000)}"}` }) }),
  },
  missingSignature: {
    status: 401,
    make: () => ({
      path: '/Dummy',
      ...fresh({ unsigned: true, headers: { bt_header_dendrite_signature: undefined } }),
    }),
  },
  garbageSignature: {
    status: 401,
    make: () => ({
      path: '/Dummy',
      ...fresh({ unsigned: true, headers: { bt_header_dendrite_signature: `0x${'ab'.repeat(64)}` } }),
    }),
  },
  wrongKey: { status: 401, make: () => ({ path: '/Dummy', ...fresh({ signWith: charlie }) }) },
  garbageNonce: {
    status: 401,
    make: () => ({
      path: '/Dummy',
      ...fresh({ unsigned: true, headers: { bt_header_dendrite_nonce: 'x' } }),
    }),
  },
  staleNonce: {
    status: 401,
    make: () => ({
      path: '/Dummy',
      ...fresh({ unsigned: true, nonce: processNonces.next() - 120_000_000_000n }),
    }),
  },
  replay: {
    status: 401,
    make: () =>
      replayable[counter++ % replayable.length] ?? {
        path: '/Dummy',
        ...fresh({ headers: { bt_header_dendrite_hotkey: 'nope' } }),
      },
  },
  unknownSynapse: { status: 404, make: () => ({ path: '/Evil', ...fresh({ unsigned: true }) }) },
  blacklisted: {
    status: 403,
    make: () => ({
      path: '/Dummy',
      ...signedDummyRequest({ signer: charlie, axonHotkey: alice.ss58Address, uuid: `c-${counter++}` }),
    }),
  },
  bodyHashMismatch: {
    status: 401,
    make: () => ({ path: '/Dummy', ...fresh({ body: '{"dummy_input":77777}' }) }),
  },
};

async function send(r: Req): Promise<number> {
  const res = await pool.request({ path: r.path, method: 'POST', headers: r.headers, body: r.body });
  await res.body.dump();
  return res.statusCode;
}

describe('hostile input', () => {
  it('answers 10k mixed requests correctly, keeps serving, stays bounded', async () => {
    const names = Object.keys(kinds);
    // Warm the replay list first so replays are real replays of accepted requests.
    for (let i = 0; i < 50; i++) expect(await send(kinds.valid!.make())).toBe(200);
    const heapBefore = process.memoryUsage().heapUsed;
    const wrong: string[] = [];
    const tally = new Map<string, number>();
    let next = 0;
    const TOTAL = 10_000;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        const name = names[(i * 7) % names.length]!;
        const kind = kinds[name]!;
        const status = await send(kind.make());
        tally.set(name, (tally.get(name) ?? 0) + 1);
        if (status !== kind.status && wrong.length < 20)
          wrong.push(`${name}: got ${status}, want ${kind.status}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(wrong).toEqual([]);
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);

    // Still serving, and bounded.
    expect(await send(kinds.valid!.make())).toBe(200);
    expect(axon.nonceEndpoints).toBeLessThanOrEqual(MAX_ENDPOINTS);
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect(heapGrowthMb).toBeLessThan(200);
  }, 300_000);
});
