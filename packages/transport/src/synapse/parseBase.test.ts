import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../codec/losslessJson.js';
import { Dummy } from '../testing/fixtures.js';
import { type Issue, parseSynapseBase } from './parseBase.js';
import { synapseBaseSchema } from './synapse.js';

// The hand-written base-field parser must accept and reject exactly what the zod reference does.
const bodies = [
  '{}',
  '{"timeout":12.0,"total_size":3616,"header_size":0,"computed_body_hash":""}',
  '{"dendrite":{"nonce":1700000000000000123,"hotkey":"5H","port":null,"process_time":0.5,"extra":1}}',
  '{"dendrite":{"nonce":"1700000000000000123"},"axon":null}',
  '{"axon":{"status_code":200,"status_message":"Success","version":10002000,"ip":"1.2.3.4"}}',
  '{"timeout":0}',
  '{"timeout":"12"}',
  '{"total_size":-1}',
  '{"header_size":1.5}',
  '{"dendrite":"x"}',
  '{"dendrite":[]}',
  '{"dendrite":{"nonce":"0x12"}}',
  '{"dendrite":{"nonce":1.5}}',
  '{"axon":{"status_code":"200"}}',
  '{"axon":{"port":80.5}}',
  '{"axon":{"hotkey":5}}',
  '{"computed_body_hash":1}',
  '{"name":3}',
];

describe('parseSynapseBase', () => {
  it('agrees with the zod reference schema', () => {
    for (const text of bodies) {
      const body = parseLosslessJson(text) as Record<string, unknown>;
      const issues: Issue[] = [];
      const got = parseSynapseBase(body, 'X', issues);
      const want = synapseBaseSchema.safeParse(body);
      expect(issues.length === 0, text).toBe(want.success);
      if (want.success) expect(got, text).toEqual({ ...want.data, name: 'X' });
    }
  });

  it('names each bad field in a synapse parse', () => {
    const r = Dummy.parse(parseLosslessJson('{"dummy_input":"4","axon":{"port":"x"},"timeout":-1}'));
    expect(r.success).toBe(false);
    if (r.success) return;
    const paths = r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeout', 'axon.port', 'dummy_input']));
    expect(Dummy.parse([1]).success).toBe(false);
  });
});
