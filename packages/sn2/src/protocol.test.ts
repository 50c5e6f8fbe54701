import { describe, expect, it } from 'vitest';
import {
  deserializeProofOfWeights,
  deserializeQueryForCapacities,
  deserializeQueryZkProof,
  encodeQueryOutput,
  ProofOfWeightsSynapseSchema,
  QueryForCapacitiesSchema,
  QueryOutputSchema,
  QueryZkProofSchema,
  toWireInputs,
} from './protocol.js';

describe('SN2 synapses', () => {
  it('QueryZkProof: defaults, query_input shape and deserialize', () => {
    expect(QueryZkProofSchema.parse({})).toEqual({ query_input: null, query_output: null });
    const id = 'a'.repeat(64);
    const s = QueryZkProofSchema.parse({
      query_input: { public_inputs: { list_items: [1, 2], nonce: 3 }, model_id: id },
      query_output: 'An error occurred',
    });
    expect(s.query_input?.model_id).toBe(id);
    expect(deserializeQueryZkProof(s)).toBe('An error occurred');
    expect(() =>
      QueryZkProofSchema.parse({ query_input: { public_inputs: {}, model_id: 'short' } }),
    ).toThrow();
    expect(() => QueryZkProofSchema.parse({ query_input: { model_id: id } })).toThrow();
  });

  it('query_output carries the proof and public signals as JSON texts', () => {
    const proof = { pi_a: ['1', '2', '1'], protocol: 'groth16', curve: 'bn128' };
    const text = encodeQueryOutput(proof, ['5', '6']);
    const decoded = QueryOutputSchema.parse(JSON.parse(text));
    expect(JSON.parse(decoded.proof)).toEqual(proof);
    expect(JSON.parse(decoded.public_signals)).toEqual(['5', '6']);
  });

  it('ProofOfWeightsSynapse: defaults, case-insensitive proof system, deserialize', () => {
    const s = ProofOfWeightsSynapseSchema.parse({ verification_key_hash: 'ab', inputs: { x: 1 } });
    expect(s).toMatchObject({ subnet_uid: 2, proof_system: 'CIRCOM', proof: '', public_signals: '' });
    expect(ProofOfWeightsSynapseSchema.parse({ ...s, proof_system: 'ezkl' }).proof_system).toBe('EZKL');
    expect(() => ProofOfWeightsSynapseSchema.parse({ ...s, proof_system: 'groth' })).toThrow();
    expect(deserializeProofOfWeights(s)).toEqual({ inputs: { x: 1 }, proof: '', public_signals: '' });
  });

  it('QueryForCapacities: optional map of circuit id to compute units', () => {
    expect(QueryForCapacitiesSchema.parse({})).toEqual({ capacities: null });
    const s = QueryForCapacitiesSchema.parse({ capacities: { abc: 400 } });
    expect(deserializeQueryForCapacities(s)).toEqual({ abc: 400 });
    expect(() => QueryForCapacitiesSchema.parse({ capacities: { abc: 1.5 } })).toThrow();
  });

  it('toWireInputs turns bigints into JSON numbers', () => {
    expect(toWireInputs({ a: [1n, 2n], b: 3n, c: 'x', d: 2n ** 60n })).toEqual({
      a: [1, 2],
      b: 3,
      c: 'x',
      d: (2n ** 60n).toString(),
    });
  });
});
