// The axon must verify signatures with @polkadot/wasm-crypto (schnorrkel in WASM, ~2,300/s per
// core), never util-crypto 14's pure-JS sr25519 (~315/s). Checked structurally: we count which
// implementation the request path calls.
import { Keypair } from '@taonode/wallet';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dummy, signedDummyRequest } from '../testing/fixtures.js';
import { type Axon, createAxon } from './createAxon.js';

const calls = vi.hoisted(() => ({ wasm: 0, js: 0 }));

vi.mock('@polkadot/wasm-crypto', async (importOriginal) => {
  const orig = await importOriginal<typeof import('@polkadot/wasm-crypto')>();
  return {
    ...orig,
    sr25519Verify: (...args: Parameters<typeof orig.sr25519Verify>) => {
      calls.wasm++;
      return orig.sr25519Verify(...args);
    },
  };
});
vi.mock('@polkadot/util-crypto', async (importOriginal) => {
  const orig = await importOriginal<typeof import('@polkadot/util-crypto')>();
  const count =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      calls.js++;
      return f(...a);
    };
  return { ...orig, sr25519Verify: count(orig.sr25519Verify), signatureVerify: count(orig.signatureVerify) };
});

const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
let axon: Axon;

beforeAll(async () => {
  axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0 });
  axon.attach(Dummy, { forward: (s) => s });
  await axon.start();
});
afterAll(() => axon.stop());

describe('signature fast path', () => {
  it('verifies each request with wasm-crypto sr25519Verify and never the JS fallback', async () => {
    calls.wasm = 0;
    calls.js = 0;
    for (let i = 0; i < 3; i++) {
      const req = signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address });
      const res = await request(`http://127.0.0.1:${axon.address.port}/Dummy`, {
        method: 'POST',
        headers: req.headers,
        body: req.body,
      });
      await res.body.text();
      expect(res.statusCode).toBe(200);
    }
    expect(calls.wasm).toBe(3);
    expect(calls.js).toBe(0);
  });
});
