import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxonProxy } from './axonProxy.js';

let miner: Server;
let proxy: AxonProxy;
const answer = { name: 'Dummy', dummy_input: 3, dummy_output: 6, axon: { status_code: 200 } };

beforeAll(async () => {
  miner = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': req.headers['x-echo'] ?? '' });
      res.end(JSON.stringify({ ...answer, sent: body }));
    });
  });
  await new Promise<void>((resolve) => miner.listen(0, '127.0.0.1', resolve));
  const { port } = miner.address() as AddressInfo;
  proxy = new AxonProxy({ host: '127.0.0.1', port }, { host: '127.0.0.1', port: 0 }, 'test');
  await proxy.start();
});

afterAll(async () => {
  await proxy.stop();
  await new Promise((resolve) => miner.close(resolve));
});

const ask = () =>
  fetch(`http://127.0.0.1:${proxy.listen.port}/Dummy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-echo': 'signed' },
    body: '{"dummy_input":3}',
  });

describe('AxonProxy', () => {
  it('relays requests and answers unchanged, headers included', async () => {
    const r = await ask();
    expect(r.headers.get('x-echo')).toBe('signed');
    expect(await r.json()).toEqual({ ...answer, sent: '{"dummy_input":3}' });
    expect(proxy.counts).toMatchObject({ relayed: 1, served: 1 });
  });

  it('answers garbage while switched on: never the real answer, always HTTP 200', async () => {
    proxy.garbage = true;
    const real = JSON.stringify({ ...answer, sent: '{"dummy_input":3}' });
    for (let i = 0; i < 12; i++) {
      const r = await ask();
      expect(r.status).toBe(200);
      expect(await r.text()).not.toBe(real);
    }
    expect(proxy.counts).toMatchObject({ garbled: 12, served: 13 });
    proxy.garbage = false;
    expect(await (await ask()).text()).toBe(real);
  });
});
