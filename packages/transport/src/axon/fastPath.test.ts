// The axon must verify signatures with schnorrkel-wasm (schnorrkel 0.11 in WASM, ~5,000/s per
// core), not @polkadot/wasm-crypto (~2,300/s) and never util-crypto 14's pure-JS sr25519 (~315/s).
// Checked structurally: we count which implementation the request path calls.
import { Keypair } from '@taonode/wallet';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dummy, signedDummyRequest } from '../testing/fixtures.js';
import { type Axon, createAxon } from './createAxon.js';

const calls = vi.hoisted(() => ({ fast: 0, wasm: 0, js: 0 }));

vi.mock('@polkadot-labs/schnorrkel-wasm', async (importOriginal) => {
  const orig = await importOriginal<typeof import('@polkadot-labs/schnorrkel-wasm')>();
  return {
    ...orig,
    sr25519_verify: (...args: Parameters<typeof orig.sr25519_verify>) => {
      calls.fast++;
      return orig.sr25519_verify(...args);
    },
  };
});
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
  it('verifies each request with schnorrkel-wasm, never wasm-crypto or the JS fallback', async () => {
    calls.fast = 0;
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
    expect(calls.fast).toBe(3);
    expect(calls.wasm).toBe(0);
    expect(calls.js).toBe(0);
  });
});
