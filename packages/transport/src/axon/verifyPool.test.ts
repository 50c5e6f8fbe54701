import { Keypair } from '@taonode/wallet';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { Dummy, signedDummyRequest } from '../testing/fixtures.js';
import { createAxon } from './createAxon.js';
import { VerifyPool } from './verifyPool.js';

const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');

describe('VerifyPool', () => {
  it('verifies batches on worker threads with the same answers as inline', async () => {
    const pool = await VerifyPool.start(2);
    const check = (message: string, sig: Uint8Array) =>
      new Promise<boolean>((resolve) => {
        if (!pool.verify(message, sig, bob.publicKey, resolve)) resolve(false);
      });
    try {
      // Messages of several lengths (and non-ASCII) packed into one transferred buffer per batch.
      const jobs = Array.from({ length: 200 }, (_, i) => {
        const message = `message ${i} ${'é'.repeat(i % 7)}${'x'.repeat(i * 3)}`;
        const sig = bob.sign(message);
        if (i % 3 === 0) sig[5] = sig[5]! ^ 1;
        return { message, sig, want: i % 3 !== 0 };
      });
      const got = await Promise.all(jobs.map((j) => check(j.message, j.sig)));
      expect(got).toEqual(jobs.map((j) => j.want));
      expect(pool.verify('x', new Uint8Array(3), bob.publicKey, () => undefined)).toBe(false);
      // Not marked as schnorrkel: refused before it could reach a worker's verifier.
      const unmarked = bob.sign('x');
      unmarked[63] = unmarked[63]! & 0x7f;
      expect(pool.verify('x', unmarked, bob.publicKey, () => undefined)).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('serves an axon with verification on workers', async () => {
    const axon = createAxon({
      signer: alice,
      ip: '127.0.0.1',
      port: 0,
      verifyWorkers: 2,
      verifyOffload: 'always',
    });
    axon.attach(Dummy, { forward: (s) => ({ ...s, dummy_output: 1 }) });
    await axon.start();
    try {
      const post = async (r: { headers: Record<string, string>; body: string }) => {
        const res = await request(`http://127.0.0.1:${axon.address.port}/Dummy`, { method: 'POST', ...r });
        await res.body.dump();
        return res.statusCode;
      };
      expect(await post(signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address }))).toBe(200);
      const forged = signedDummyRequest({ signer: bob, signWith: alice, axonHotkey: alice.ss58Address });
      expect(await post(forged)).toBe(401);
      expect(axon.verifyCounts).toEqual({ workers: 2, inline: 0 });
    } finally {
      await axon.stop();
    }
  });

  it("verifies inline while the event loop is idle ('auto')", async () => {
    const axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0, verifyWorkers: 1 });
    axon.attach(Dummy, { forward: (s) => s });
    await axon.start();
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 120));
        const r = signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `idle-${i}` });
        const res = await request(`http://127.0.0.1:${axon.address.port}/Dummy`, { method: 'POST', ...r });
        await res.body.dump();
        expect(res.statusCode).toBe(200);
      }
      expect(axon.verifyCounts.inline + axon.verifyCounts.workers).toBe(3);
      expect(axon.verifyCounts.inline).toBeGreaterThan(0);
    } finally {
      await axon.stop();
    }
  });
});
