import { Keypair } from '@taonode/wallet';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha3Hex } from '../codec/bodyHash.js';
import { processNonces } from '../codec/nonce.js';
import { Dummy, signedDummyRequest, sleep } from '../testing/fixtures.js';
import { type Axon, createAxon } from './createAxon.js';
import { ForwardRejection } from './forwardRejection.js';
import { streamResponse } from './hooks.js';

const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
const charlie = Keypair.fromUri('//Charlie');

let axon: Axon;
let url: string;

beforeAll(async () => {
  axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0, maxNonceEndpoints: 1000 });
  axon.attach(Dummy, {
    forward: async (s) => {
      if (s.dummy_input === 13) throw new Error('unlucky');
      if (s.dummy_input === 404) throw new ForwardRejection(404, 'no such thing for this hotkey');
      if (s.dummy_input === 99) await sleep(3000);
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
    blacklist: (s) => (s.dendrite.hotkey === charlie.ss58Address ? [true, 'not a validator'] : [false, '']),
  });
  await axon.start();
  url = `http://127.0.0.1:${axon.address.port}`;
});
afterAll(() => axon.stop());

async function post(path: string, req: { headers: Record<string, string>; body: string }) {
  const res = await request(`${url}${path}`, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

const signed = (o: Partial<Parameters<typeof signedDummyRequest>[0]> = {}) =>
  signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, ...o });

describe('axon status codes (§1.8 + issue #3)', () => {
  it('200 with the filled synapse and response headers', async () => {
    const r = await post('/Dummy', signed());
    expect(r.status).toBe(200);
    expect(r.json.dummy_output).toBe(8);
    expect((r.json.axon as Record<string, unknown>).status_code).toBe(200);
    expect((r.json.axon as Record<string, unknown>).status_message).toBe('Success');
    expect(r.headers.bt_header_axon_status_code).toBe('200');
    expect(r.headers.computed_body_hash).toBe(
      'b103dc8a5244fd6548f7c0de617ee66d25f79007a993bc15c6ea11d8390e6279',
    );
  });

  it('a ForwardRejection answers its own status and message (no error id)', async () => {
    const r = await post('/Dummy', signed({ dummyInput: 404 }));
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('no such thing for this hotkey');
    expect(r.headers.bt_header_axon_status_code).toBe('404');
  });

  it('404 for an unknown synapse, naming the available ones', async () => {
    const r = await post('/Nope', signed());
    expect(r.status).toBe(404);
    expect(r.json.message).toBe("Synapse name 'Nope' not found. Available synapses ['Synapse', 'Dummy']");
  });

  it('401 without a signature (never skipped, SDK #3392)', async () => {
    const r = await post('/Dummy', signed({ headers: { bt_header_dendrite_signature: undefined } }));
    expect(r.status).toBe(401);
    expect(r.json.message).toBe('Not Verified with error: Missing signature');
    const empty = await post('/Dummy', signed({ headers: { bt_header_dendrite_signature: '' } }));
    expect(empty.status).toBe(401);
  });

  it('401 for garbage, wrong-key and wrong-axon signatures', async () => {
    const garbage = await post('/Dummy', signed({ headers: { bt_header_dendrite_signature: '0xzz' } }));
    expect(garbage.status).toBe(401);
    const wrongKey = await post('/Dummy', signed({ signWith: charlie }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.json.message).toMatch(/Signature mismatch/);
    const otherAxon = await post(
      '/Dummy',
      signedDummyRequest({ signer: bob, axonHotkey: charlie.ss58Address }),
    );
    expect(otherAxon.status).toBe(401);
  });

  it('401 for a replayed and for a stale nonce', async () => {
    const req = signed({ uuid: 'replay-lane' });
    expect((await post('/Dummy', req)).status).toBe(200);
    const replay = await post('/Dummy', req);
    expect(replay.status).toBe(401);
    expect(replay.json.message).toMatch(/Nonce is too old, a newer one was last processed/);
    const stale = await post(
      '/Dummy',
      signed({ uuid: 'stale', nonce: processNonces.next() - 60_000_000_000n }),
    );
    expect(stale.status).toBe(401);
    expect(stale.json.message).toMatch(/Nonce is too old: acceptable delta is 16.00 seconds/);
  });

  it('401 when the body does not match the signed body hash', async () => {
    const good = signed({ dummyInput: 4 });
    const tampered = { headers: good.headers, body: good.body.replace('"dummy_input":4', '"dummy_input":5') };
    const r = await post('/Dummy', tampered);
    expect(r.status).toBe(401);
    expect(r.json.message).toMatch(/computed_body_hash/);
  });

  it('403 for a blacklisted hotkey, after verification', async () => {
    const r = await post('/Dummy', signedDummyRequest({ signer: charlie, axonHotkey: alice.ss58Address }));
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('Forbidden. Key is blacklisted: not a validator.');
    // An unverified claim to be Charlie is a 401, not a 403: blacklists never see forged keys.
    const forged = await post(
      '/Dummy',
      signedDummyRequest({ signer: charlie, signWith: bob, axonHotkey: alice.ss58Address }),
    );
    expect(forged.status).toBe(401);
  });

  it('400 for malformed JSON, 422 for wrong field types, 413 for oversized bodies', async () => {
    expect((await post('/Dummy', signed({ body: '{"dummy_input": 4,' }))).status).toBe(400);
    const wrongType = await post('/Dummy', signed({ body: '{"dummy_input":"four"}' }));
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.message).toMatch(/^Invalid Dummy fields: dummy_input/);
    const missing = await post('/Dummy', signed({ body: '{}' }));
    expect(missing.status).toBe(422);
    const big = await post('/Dummy', signed({ body: `{"dummy_input":4,"pad":"${'x'.repeat(20_000)}"}` }));
    expect(big.status).toBe(413);
    expect(big.json.message).toMatch(/16384 bytes/);
  });

  it('408 when the forward overruns the timeout header, 500 when it throws', async () => {
    const slow = await post('/Dummy', signed({ dummyInput: 99, timeout: 0.3 }));
    expect(slow.status).toBe(408);
    expect(slow.json.message).toBe('Response timeout after: 0.3s');
    const boom = await post('/Dummy', signed({ dummyInput: 13 }));
    expect(boom.status).toBe(500);
    expect(boom.json.message).toMatch(/^Internal Server Error #[0-9a-f-]{36}$/);
  });

  it('error responses carry the middleware synapse headers', async () => {
    const r = await post('/Dummy', signed({ headers: { bt_header_dendrite_signature: undefined } }));
    expect(r.headers.bt_header_axon_status_code).toBe('401');
    expect(r.headers.bt_header_axon_hotkey).toBe(alice.ss58Address);
    expect(r.headers.bt_header_axon_uuid).toBe(axon.uuid);
    expect(r.headers.bt_header_dendrite_ip).toBe('127.0.0.1');
    expect(r.headers.name).toBe('Dummy');
  });
});

describe('axon configuration', () => {
  it('publishes external ip/port when given', async () => {
    const a = createAxon({
      signer: alice,
      ip: '127.0.0.1',
      port: 0,
      externalIp: '203.0.113.7',
      externalPort: 9000,
    });
    a.attach(Dummy, { forward: (s) => s });
    await a.start();
    try {
      expect(a.external).toEqual({ ip: '203.0.113.7', port: 9000 });
      expect(a.address.port).toBeGreaterThan(0);
      expect(() => a.attach(Dummy, { forward: (s) => s })).toThrow(/before start/);
    } finally {
      await a.stop();
    }
  });
});

describe('forward slots and response hashes', () => {
  it('releases the one forward slot on every path and re-hashes changed hash fields', async () => {
    let release: () => void = () => undefined;
    const a = createAxon({ signer: alice, ip: '127.0.0.1', port: 0, maxConcurrentForwards: 1 });
    a.attach(Dummy, {
      forward: (s) => {
        switch (s.dummy_input) {
          case 1: // sync, changes a hashed field
            s.dummy_input = 5;
            return s;
          case 2:
            throw new Error('sync throw');
          case 3:
            return Promise.reject(new Error('async throw'));
          case 4: // overruns its timeout; holds the slot until it settles
            return new Promise((resolve) => {
              release = () => resolve(s);
            });
          case 5:
            return streamResponse(
              (async function* () {
                yield 'a';
                yield 'b';
              })(),
            );
          default:
            return s;
        }
      },
    });
    await a.start();
    const send = async (dummyInput: number, timeout = 12) => {
      const r = signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, dummyInput, timeout });
      const res = await request(`http://127.0.0.1:${a.address.port}/Dummy`, { method: 'POST', ...r });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    };
    try {
      const changed = await send(1);
      expect(changed.status).toBe(200);
      expect(changed.headers.computed_body_hash).toBe(sha3Hex(sha3Hex('5')));
      expect((await send(2)).status).toBe(500);
      expect((await send(3)).status).toBe(500);
      expect((await send(4, 0.2)).status).toBe(408);
      // The overrunning forward still holds the only slot: the next request waits, then times out.
      expect((await send(6, 0.3)).status).toBe(408);
      release();
      await sleep(50);
      const streamed = await send(5);
      expect(streamed.status).toBe(200);
      expect(streamed.text).toBe('ab');
      const last = await send(6);
      expect(last.status).toBe(200);
      expect(last.headers.computed_body_hash).toBe(sha3Hex(sha3Hex('6')));
    } finally {
      await a.stop();
    }
  });
});

describe('onResponse', () => {
  it('reports every response on an attached route once, with status, claimed hotkey and latency', async () => {
    const seen: import('./createAxon.js').AxonResponse[] = [];
    const observed = createAxon({
      signer: alice,
      ip: '127.0.0.1',
      port: 0,
      onResponse: (r) => seen.push(r),
    });
    observed.attach(Dummy, {
      forward: async (s) => {
        if (s.dummy_input === 13) throw new Error('unlucky');
        s.dummy_output = s.dummy_input * 2;
        return s;
      },
      blacklist: (s) => (s.dendrite.hotkey === charlie.ss58Address ? [true, 'not a validator'] : [false, '']),
    });
    await observed.start();
    try {
      const at = `http://127.0.0.1:${observed.address.port}`;
      const send = async (path: string, req: { headers: Record<string, string>; body: string }) => {
        const res = await request(`${at}${path}`, { method: 'POST', headers: req.headers, body: req.body });
        await res.body.text();
        return res.statusCode;
      };
      expect(await send('/Dummy', signed())).toBe(200);
      expect(
        await send('/Dummy', signedDummyRequest({ signer: charlie, axonHotkey: alice.ss58Address })),
      ).toBe(403);
      expect(await send('/Dummy', signed({ dummyInput: 13 }))).toBe(500);
      expect(await send('/Nope', signed())).toBe(404);
      // onResponse runs after the response went out: wait for the last one.
      for (let i = 0; i < 100 && seen.length < 3; i++) await sleep(10);
      expect(seen.map((r) => [r.synapse, r.status])).toEqual([
        ['Dummy', 200],
        ['Dummy', 403],
        ['Dummy', 500],
      ]);
      expect(seen[0]!.hotkey).toBe(bob.ss58Address);
      expect(seen[0]!.message).toBeNull();
      expect(seen[1]!.hotkey).toBe(charlie.ss58Address);
      expect(seen[1]!.message).toMatch(/not a validator/);
      expect(seen[2]!.message).toMatch(/Internal Server Error/);
      for (const r of seen) expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await observed.stop();
    }
  });
});
