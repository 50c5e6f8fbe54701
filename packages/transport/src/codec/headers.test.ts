import { describe, expect, it } from 'vitest';
import { Dummy } from '../testing/fixtures.js';
import { synapseToHeaders, terminalFromHeaders, timeoutFromHeaders } from './headers.js';

describe('synapse headers (§1.3)', () => {
  it('emits name, timeout, non-null terminal fields, input_obj, sizes and the hash', () => {
    const s = Dummy.create({ dummy_input: 4 });
    s.dendrite.nonce = 1_700_000_000_000_000_001n;
    s.dendrite.hotkey = '5HDv';
    s.axon.port = 8091;
    s.axon.process_time = 0.5;
    const h = synapseToHeaders({
      synapse: s,
      bodyHash: 'abc',
      inputObjHeaders: Dummy.inputObjHeaders,
      totalSize: 10,
    });
    expect(h).toMatchObject({
      name: 'Dummy',
      timeout: '12.0',
      bt_header_dendrite_nonce: '1700000000000000001',
      bt_header_dendrite_hotkey: '5HDv',
      bt_header_axon_port: '8091',
      bt_header_axon_process_time: '0.5',
      bt_header_input_obj_dummy_input: 'MA==',
      total_size: '10',
      computed_body_hash: 'abc',
    });
    expect(h).not.toHaveProperty('bt_header_axon_status_code');
    expect(Number.isInteger(Number(h.header_size))).toBe(true);
  });

  it('reads terminal info back and drops malformed values', () => {
    const t = terminalFromHeaders(
      {
        bt_header_axon_status_code: '200',
        bt_header_axon_nonce: '1700000000000000001',
        bt_header_axon_port: 'eighty',
        bt_header_axon_process_time: '0.25',
        bt_header_axon_uuid: ['u1', 'u2'],
      },
      'axon',
    );
    expect(t.status_code).toBe(200);
    expect(t.nonce).toBe(1_700_000_000_000_000_001n);
    expect(t.port).toBeNull();
    expect(t.process_time).toBe(0.25);
    expect(t.uuid).toBe('u1');
    expect(timeoutFromHeaders({ timeout: '12.0' })).toBe(12);
    expect(timeoutFromHeaders({ timeout: '-1' })).toBeUndefined();
    expect(timeoutFromHeaders({ timeout: 'nan' })).toBeUndefined();
  });
});
