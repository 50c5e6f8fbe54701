// Interop with the Python SDK's wire format, checked against requests and servers assembled by hand
// from spec §1 — no use of our codec on the "Python" side. Signatures come from @polkadot/util-crypto
// (its pure-JS sr25519), independent of the WASM signer/verifier the package uses.
import { createHash } from 'node:crypto';
import { u8aToHex } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from '@polkadot/util-crypto';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Axon, createAxon } from './axon/createAxon.js';
import { createDendrite } from './dendrite/createDendrite.js';
import { Dummy, rawServer } from './testing/fixtures.js';

const V1_MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const V1_SS58 = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const alice = Keypair.fromUri('//Alice');
const sha3 = (s: string) => createHash('sha3-256').update(s, 'utf8').digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');

let axon: Axon;
beforeAll(async () => {
  await cryptoWaitReady();
  axon = createAxon({ signer: alice, ip: '127.0.0.1', port: 0 });
  axon.attach(Dummy, {
    forward: (s) => {
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
  });
  await axon.start();
});
afterAll(() => axon.stop());

describe('Python dendrite → our axon', () => {
  it('accepts a request assembled by hand and answers as the SDK expects', async () => {
    const pair = sr25519PairFromSeed(mnemonicToMiniSecret(V1_MNEMONIC));
    const nonce = (BigInt(Date.now()) * 1_000_000n + 123n).toString();
    const uuid = 'b1e7a3b2-1cec-11ee-b0dc-e29ce36fec1a';
    const bodyHash = sha3(sha3('21')); // required_hash_fields = ('dummy_input',), value 21
    const message = `${nonce}.${V1_SS58}.${alice.ss58Address}.${uuid}.${bodyHash}`;
    const signature = u8aToHex(sr25519Sign(new TextEncoder().encode(message), pair));
    const port = axon.address.port;
    // Python's json.dumps spacing and float formatting.
    const body =
      `{"name": "Dummy", "timeout": 12.0, "total_size": 3616, "header_size": 0, ` +
      `"dendrite": {"status_code": null, "status_message": null, "process_time": null, "ip": "10.0.0.1", ` +
      `"port": null, "version": 10002000, "nonce": ${nonce}, "uuid": "${uuid}", "hotkey": "${V1_SS58}", ` +
      `"signature": "${signature}"}, "axon": {"status_code": null, "status_message": null, "process_time": null, ` +
      `"ip": "127.0.0.1", "port": ${port}, "version": null, "nonce": null, "uuid": null, ` +
      `"hotkey": "${alice.ss58Address}", "signature": null}, "computed_body_hash": "", ` +
      `"dummy_input": 21, "dummy_output": null}`;
    const res = await fetch(`http://127.0.0.1:${port}/Dummy`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        name: 'Dummy',
        timeout: '12.0',
        bt_header_axon_ip: '127.0.0.1',
        bt_header_axon_port: String(port),
        bt_header_axon_hotkey: alice.ss58Address,
        bt_header_dendrite_ip: '10.0.0.1',
        bt_header_dendrite_version: '10002000',
        bt_header_dendrite_nonce: nonce,
        bt_header_dendrite_uuid: uuid,
        bt_header_dendrite_hotkey: V1_SS58,
        bt_header_dendrite_signature: signature,
        bt_header_input_obj_dummy_input: b64('0'),
        header_size: '640',
        total_size: '3616',
        computed_body_hash: bodyHash,
      },
      body,
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    // What the Python dendrite does on 200 (§1.9): cls(**json) must validate, then axon.status_code.
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const k of [
      'name',
      'timeout',
      'total_size',
      'header_size',
      'dendrite',
      'axon',
      'computed_body_hash',
    ]) {
      expect(json).toHaveProperty(k);
    }
    expect(json.dummy_input).toBe(21);
    expect(json.dummy_output).toBe(42);
    const axonInfo = json.axon as Record<string, unknown>;
    expect(axonInfo.status_code).toBe(200);
    expect(axonInfo.status_message).toBe('Success');
    expect(typeof axonInfo.process_time).toBe('number');
    // The echoed nonce must be exact (a float64 round trip would change its last digits).
    expect(text).toContain(`"nonce":${nonce}`);
    expect(res.headers.get('bt_header_axon_status_code')).toBe('200');
    expect(res.headers.get('computed_body_hash')).toBe(bodyHash);
  });
});

describe('our dendrite → Python axon', () => {
  it('sends every header the Python axon needs, signed the way it verifies', async () => {
    const seen: string[] = [];
    const server = await rawServer((req, res, body) => {
      const h = req.headers as Record<string, string>;
      const required = [
        'name',
        'timeout',
        'bt_header_axon_ip',
        'bt_header_axon_port',
        'bt_header_axon_hotkey',
        'bt_header_dendrite_version',
        'bt_header_dendrite_nonce',
        'bt_header_dendrite_uuid',
        'bt_header_dendrite_hotkey',
        'bt_header_dendrite_signature',
        'bt_header_input_obj_dummy_input',
        'computed_body_hash',
      ];
      for (const k of required) if (h[k] === undefined) seen.push(`missing ${k}`);
      if (!/^\d+$/.test(h.header_size ?? '') || !/^\d+$/.test(h.total_size ?? '')) seen.push('sizes');
      if (Number(h.bt_header_dendrite_version) < 7002000) seen.push('version');
      if (h.bt_header_input_obj_dummy_input !== 'MA==') seen.push('input_obj');
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if (sha3(sha3(String(parsed.dummy_input))) !== h.computed_body_hash) seen.push('body hash');
      const message = `${h.bt_header_dendrite_nonce}.${h.bt_header_dendrite_hotkey}.${alice.ss58Address}.${h.bt_header_dendrite_uuid}.${h.computed_body_hash}`;
      const ok = sr25519Verify(
        message,
        h.bt_header_dendrite_signature!,
        decodeAddress(h.bt_header_dendrite_hotkey!),
      );
      if (!ok) seen.push('signature');
      if (!body.includes(`"nonce":${h.bt_header_dendrite_nonce}`)) seen.push('body nonce');
      // Python axon success: full dump of the body synapse, axon.status_code 200, no headers needed.
      const out = body
        .replace('"dummy_output":null', `"dummy_output":${Number(parsed.dummy_input) + 1}`)
        .replace(
          /"axon":\{"status_code":null,"status_message":null,"process_time":null/,
          '"axon":{"status_code":200,"status_message":"Success","process_time":0.001',
        );
      res.writeHead(200, { 'content-type': 'application/json' }).end(out);
    });
    const dendrite = createDendrite({ signer: Keypair.fromMnemonic(V1_MNEMONIC) });
    try {
      const [r] = await dendrite.query(
        [{ ip: '127.0.0.1', port: server.port, hotkey: alice.ss58Address }],
        Dummy.create({ dummy_input: 7 }),
      );
      expect(seen).toEqual([]);
      expect(r!.dendrite.status_code).toBe(200);
      expect(r!.dendrite.status_message).toBe('Success');
      expect(r!.dummy_output).toBe(8);
    } finally {
      await dendrite.close();
      await server.close();
    }
  });
});
