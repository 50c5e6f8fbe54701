import { Keypair } from '@taonode/wallet';
import { Pool } from 'undici';
import { createAxon } from './axon/createAxon.js';
import { Dummy, signedDummyRequest } from './testing/fixtures.js';
const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
const axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0 });
axon.attach(Dummy, { forward: (s) => { s.dummy_output = 1; return s; } });
await axon.start();
const N = 3000;
const reqs = Array.from({ length: N }, (_, i) => signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `u${i}`, timeout: 600 }));
const pool = new Pool(`http://127.0.0.1:${axon.address.port}`, { connections: 10 });
const t0 = performance.now();
let next = 0;
await Promise.all(Array.from({ length: 10 }, async () => {
  while (next < N) {
    const r = reqs[next++]!;
    const res = await pool.request({ path: '/Dummy', method: 'POST', headers: r.headers, body: r.body });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(String(res.statusCode));
  }
}));
const dt = (performance.now() - t0) / 1000;
console.log('req/s', N / dt);
await pool.close();
await axon.stop();
