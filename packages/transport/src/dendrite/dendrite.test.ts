import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Axon, createAxon } from '../axon/createAxon.js';
import { streamResponse } from '../axon/hooks.js';
import { synapseUrl } from '../codec/url.js';
import { BaseSynapse } from '../synapse/baseSynapse.js';
import { defineSynapse } from '../synapse/defineSynapse.js';
import { closedPort, Dummy, rawServer, sleep } from '../testing/fixtures.js';
import { createDendrite, type Dendrite } from './createDendrite.js';

const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');

let axon: Axon;
let dendrite: Dendrite;
const target = () => ({ ip: '127.0.0.1', port: axon.address.port, hotkey: alice.ss58Address });

const Story = defineSynapse('Story', z.object({ prompt: z.string(), completion: z.string().default('') }), {
  requiredHashFields: ['prompt'],
  fromStream: (body) => ({ completion: Buffer.from(body).toString('utf8') }),
});

beforeAll(async () => {
  axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0, maxConcurrentForwards: 256 });
  axon.attach(Dummy, {
    forward: async (s) => {
      if (s.dummy_input >= 1000) await sleep(s.dummy_input);
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
  });
  axon.attach(Story, {
    forward: (s) =>
      streamResponse(
        (async function* () {
          for (const w of s.prompt.split(' ')) yield `${w.toUpperCase()} `;
        })(),
      ),
  });
  await axon.start();
  dendrite = createDendrite({ signer: bob });
});
afterAll(async () => {
  await dendrite.close();
  await axon.stop();
});

describe('dendrite', () => {
  it('fills the synapse on success and deserializes on request', async () => {
    const [r] = await dendrite.query([target()], Dummy.create({ dummy_input: 5 }));
    expect(r!.dummy_output).toBe(10);
    expect(r!.dendrite.status_code).toBe(200);
    expect(r!.axon.status_code).toBe(200);
    expect(r!.axon.hotkey).toBe(alice.ss58Address);
    expect(r!.dendrite.hotkey).toBe(bob.ss58Address);
    expect(r!.dendrite.process_time).toBeGreaterThan(0);
    expect(await dendrite.queryDeserialized([target(), target()], Dummy.create({ dummy_input: 1 }))).toEqual([
      2, 2,
    ]);
    const values = await dendrite.query([target()], Dummy.create({ dummy_input: 21 }), { deserialize: true });
    expect(values).toEqual([42]);
  });

  it('pings the base Synapse route every axon serves', async () => {
    const r = await dendrite.call(target(), BaseSynapse.create({}));
    expect(r.dendrite.status_code).toBe(200);
    expect(r.name).toBe('Synapse');
  });

  it('408 on timeout', async () => {
    const r = await dendrite.call(target(), Dummy.create({ dummy_input: 3000 }), { timeout: 0.3 });
    expect(r.dendrite.status_code).toBe(408);
    expect(r.dendrite.status_message).toBe('Request timeout after 0.3 seconds');
  });

  it('a cancelled query aborts requests in flight, starts no more, and rejects with the reason', async () => {
    // This server never answers: without the cancel, the query would hang for its 30 s timeout.
    let started = 0;
    const server = await rawServer(() => {
      started++;
    });
    try {
      const axons = Array.from({ length: 6 }, () => ({
        ip: '127.0.0.1',
        port: server.port,
        hotkey: alice.ss58Address,
      }));
      const shutdown = new AbortController();
      const pending = dendrite.query(axons, Dummy.create({ dummy_input: 1 }), {
        concurrency: 2,
        timeout: 30,
        signal: shutdown.signal,
      });
      while (started < 2) await sleep(20);
      shutdown.abort(new Error('validator stopping'));
      await expect(pending).rejects.toThrow('validator stopping');
      await sleep(100);
      expect(started).toBe(2);
      // Already cancelled: nothing is sent at all.
      await expect(
        dendrite.call(target(), Dummy.create({ dummy_input: 1 }), { signal: shutdown.signal }),
      ).rejects.toThrow('validator stopping');
      // A signal that never fires changes nothing.
      const [ok] = await dendrite.query([target()], Dummy.create({ dummy_input: 2 }), {
        signal: new AbortController().signal,
      });
      expect(ok!.dendrite.status_code).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("uses the synapse type's own default timeout", async () => {
    const Quick = defineSynapse('Quick', z.object({ q: z.string().default('') }), { timeoutS: 0.25 });
    let seenTimeout: string | undefined;
    const server = await rawServer((req) => {
      seenTimeout = String(req.headers.timeout);
      // never answers
    });
    try {
      const r = await dendrite.call(
        { ip: '127.0.0.1', port: server.port, hotkey: alice.ss58Address },
        Quick.create({}),
      );
      expect(seenTimeout).toBe('0.25');
      expect(r.timeout).toBe(0.25);
      expect(r.dendrite.status_code).toBe(408);
      expect(r.dendrite.status_message).toBe('Request timeout after 0.25 seconds');
    } finally {
      await server.close();
    }
  });

  it('503 when nothing listens', async () => {
    const port = await closedPort();
    const r = await dendrite.call(
      { ip: '127.0.0.1', port, hotkey: alice.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    expect(r.dendrite.status_code).toBe(503);
    expect(r.dendrite.status_message).toBe(`Service unavailable at 127.0.0.1:${port}/Dummy`);
  });

  it('maps each misbehaviour to its SDK status', async () => {
    const server = await rawServer((req, res) => {
      // Each case picks the server's misbehaviour through its timeout value.
      const input = Number(req.headers.timeout);
      if (input === 2.5) res.writeHead(200).end('not json');
      else if (input === 3.5) res.writeHead(200).end('{"name":"Dummy","dummy_output":1}');
      else if (input === 4.5) res.writeHead(403).end('{"message":"Forbidden. Key is blacklisted: nope."}');
      else if (input === 5.5) res.writeHead(500).end('oops');
      else req.socket.destroy();
    });
    const t = { ip: '127.0.0.1', port: server.port, hotkey: alice.ss58Address };
    const one = (timeout: number) => dendrite.call(t, Dummy.create({ dummy_input: 1 }), { timeout });
    try {
      const badJson = await one(2.5);
      expect(badJson.dendrite.status_code).toBe(422);
      expect(badJson.dendrite.status_message).toMatch(/^Failed to parse response: body is not JSON/);
      const invalid = await one(3.5);
      expect(invalid.dendrite.status_code).toBe(422);
      expect(invalid.dendrite.status_message).toMatch(/dummy_input/);
      const blocked = await one(4.5);
      expect(blocked.dendrite.status_code).toBe(403);
      expect(blocked.axon.status_code).toBe(403);
      expect(blocked.dendrite.status_message).toBe('Forbidden. Key is blacklisted: nope.');
      const err500 = await one(5.5);
      expect(err500.dendrite.status_code).toBe(422);
      const dropped = await one(6.5);
      expect(dropped.dendrite.status_code).toBe(503);
      expect(dropped.dendrite.status_message).toMatch(/^Service disconnected: /);
    } finally {
      await server.close();
    }
  });

  it('respects the concurrency cap', async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await rawServer((_req, res, body) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end(body);
      }, 30);
    });
    try {
      const axons = Array.from({ length: 20 }, () => ({
        ip: '127.0.0.1',
        port: server.port,
        hotkey: alice.ss58Address,
      }));
      const results = await dendrite.query(axons, Dummy.create({ dummy_input: 1 }), { concurrency: 3 });
      expect(results).toHaveLength(20);
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    } finally {
      await server.close();
    }
  });

  it('keeps nonces strictly increasing per uuid under concurrency (SDK out-of-order bug)', async () => {
    const arrivals: { uuid: string; nonce: bigint }[] = [];
    const server = await rawServer((req, res, body) => {
      arrivals.push({
        uuid: String(req.headers.bt_header_dendrite_uuid),
        nonce: BigInt(String(req.headers.bt_header_dendrite_nonce)),
      });
      // Random delays reorder completions.
      setTimeout(() => res.writeHead(200).end(body), Math.random() * 20);
    });
    try {
      const axons = Array.from({ length: 64 }, () => ({
        ip: '127.0.0.1',
        port: server.port,
        hotkey: alice.ss58Address,
      }));
      await Promise.all([
        dendrite.query(axons, Dummy.create({ dummy_input: 1 })),
        dendrite.query(axons, Dummy.create({ dummy_input: 2 })),
      ]);
      const last = new Map<string, bigint>();
      for (const a of arrivals) {
        const prev = last.get(a.uuid);
        if (prev !== undefined) expect(a.nonce > prev).toBe(true);
        last.set(a.uuid, a.nonce);
      }
      expect(new Set(arrivals.map((a) => a.nonce)).size).toBe(arrivals.length);
      expect(dendrite.laneCount).toBeLessThanOrEqual(128 + 16);
    } finally {
      await server.close();
    }
  });

  it('concurrent queries to one of our axons all pass its nonce check', async () => {
    const axons = Array.from({ length: 100 }, target);
    const results = await dendrite.query(axons, Dummy.create({ dummy_input: 3 }));
    expect(results.map((r) => r.dendrite.status_code)).toEqual(Array(100).fill(200));
  });

  it('streams chunks, then the final synapse', async () => {
    const parts: string[] = [];
    let final: unknown;
    for await (const part of dendrite.stream(target(), Story.create({ prompt: 'hello big world' }))) {
      if (part instanceof Uint8Array) parts.push(Buffer.from(part).toString());
      else final = part;
    }
    expect(parts.join('')).toBe('HELLO BIG WORLD ');
    const s = final as { completion: string; dendrite: { status_code: number } };
    expect(s.completion).toBe('HELLO BIG WORLD ');
    expect(s.dendrite.status_code).toBe(200);
  });

  it('brackets IPv6 literals', () => {
    expect(synapseUrl('::1', 8091, 'Dummy')).toBe('http://[::1]:8091/Dummy');
    expect(synapseUrl('2001:db8::5', 1, 'X')).toBe('http://[2001:db8::5]:1/X');
    expect(synapseUrl('10.0.0.2', 8091, 'Dummy')).toBe('http://10.0.0.2:8091/Dummy');
  });

  it('talks to an axon on an IPv6 loopback address', async () => {
    const v6 = createAxon({ signer: alice, ip: '::1', port: 0 });
    v6.attach(Dummy, { forward: (s) => ({ ...s, dummy_output: 6 }) });
    try {
      await v6.start();
    } catch {
      return; // no IPv6 on this host
    }
    try {
      const r = await dendrite.call(
        { ip: '::1', port: v6.address.port, hotkey: alice.ss58Address },
        Dummy.create({ dummy_input: 1 }),
      );
      expect(r.dendrite.status_code).toBe(200);
      expect(r.dummy_output).toBe(6);
    } finally {
      await v6.stop();
    }
  });

  it('rejects synapses without a type instead of guessing', async () => {
    const plain = { ...Dummy.create({ dummy_input: 1 }) };
    delete (plain as Record<symbol, unknown>)[Symbol.for('taonode.synapseType')];
    await expect(dendrite.query([target()], plain)).rejects.toThrow(/create\(\)/);
  });
});
