import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMlpInputs } from '../inputs/mlpInputs.js';
import { computePowOutputs, generatePowInputs, type PowInputs } from '../inputs/powInputs.js';
import { seededRng } from '../inputs/random.js';
import { encodeQueryOutput, MINER_ERROR_STRINGS, toWireInputs } from '../protocol.js';
import { type ProveResult, ProverPool } from '../prover/proverPool.js';
import { TEST_POW_BATCH, testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import { FIELD_MODULUS } from '../zk/field.js';
import { CircuitRegistry } from './circuitRegistry.js';
import { releaseCurve } from './groth16Verifier.js';
import { type MinerAnswer, verifyResponse } from './verifyResponse.js';

describe('verifyResponse', () => {
  const pool = new ProverPool({ concurrency: 2 });
  const registry = new CircuitRegistry();
  let powId: string;
  let mlpId: string;
  let inputs: PowInputs;
  let wire: Record<string, unknown>;
  let good: ProveResult;
  let mlpProof: ProveResult;

  beforeAll(async () => {
    const [pow, mlp] = await Promise.all([testPowCircuit(), testMlpCircuit()]);
    powId = await registry.register(pow.definition, pow.vkJson);
    mlpId = await registry.register(mlp.definition, mlp.vkJson);
    inputs = generatePowInputs(TEST_POW_BATCH, seededRng(21));
    wire = toWireInputs(inputs);
    [good, mlpProof] = await Promise.all([
      pool.prove({ wasmPath: pow.wasmPath, zkeyPath: pow.zkeyPath, input: wire }),
      pool.prove({
        wasmPath: mlp.wasmPath,
        zkeyPath: mlp.zkeyPath,
        input: { ...generateMlpInputs(seededRng(5)) },
      }),
    ]);
  }, 600_000);
  afterAll(async () => {
    await pool.close();
    await releaseCurve();
  });

  const asQuery = (proof: unknown, signals: unknown): MinerAnswer => ({
    query_output: JSON.stringify({ proof: JSON.stringify(proof), public_signals: JSON.stringify(signals) }),
  });
  const check = (answer: MinerAnswer, circuitId = powId) =>
    verifyResponse(registry, { circuitId, inputs: wire, answer });

  it('accepts an honest proof and returns the circuit outputs', async () => {
    const r = await check({ query_output: encodeQueryOutput(good.proof, good.publicSignals) });
    expect(r.verified).toBe(true);
    if (!r.verified) return;
    expect(r.outputs.slice(0, TEST_POW_BATCH)).toEqual(computePowOutputs(inputs).new_score);
    expect(r.proofSize).toBeGreaterThan(400);
  });

  it('accepts the ProofOfWeightsSynapse form (proof and public_signals as JSON texts)', async () => {
    const r = await check({
      proof: JSON.stringify(good.proof),
      public_signals: JSON.stringify(good.publicSignals),
    });
    expect(r.verified).toBe(true);
  });

  it('rejects malformed proof JSON', async () => {
    const r = await check({ query_output: JSON.stringify({ proof: '{"pi_a": [', public_signals: '[]' }) });
    expect(r).toMatchObject({ verified: false, reason: 'not_json', proofSize: 5000 });
  });

  it('rejects a proof with missing or non-numeric points', async () => {
    const r = await check(asQuery({ ...good.proof, pi_a: ['x', '1', '1'] }, good.publicSignals));
    expect(r).toMatchObject({ verified: false, reason: 'malformed_proof' });
  });

  it('rejects the wrong curve', async () => {
    const r = await check(asQuery({ ...good.proof, curve: 'bls12381' }, good.publicSignals));
    expect(r).toMatchObject({ verified: false, reason: 'wrong_curve' });
  });

  it('rejects the wrong protocol', async () => {
    const r = await check(asQuery({ ...good.proof, protocol: 'plonk' }, good.publicSignals));
    expect(r).toMatchObject({ verified: false, reason: 'wrong_protocol' });
  });

  it('rejects public signals of the wrong length', async () => {
    const r = await check(asQuery(good.proof, good.publicSignals.slice(1)));
    expect(r).toMatchObject({ verified: false, reason: 'wrong_signal_count' });
  });

  it('rejects public signals that are not field elements', async () => {
    const signals = [...good.publicSignals];
    signals[0] = (FIELD_MODULUS + 1n).toString();
    expect(await check(asQuery(good.proof, signals))).toMatchObject({ reason: 'malformed_public_signals' });
    expect(await check(asQuery(good.proof, { a: 1 }))).toMatchObject({ reason: 'malformed_public_signals' });
  });

  it('rejects tampered outputs (a forged score)', async () => {
    const signals = [...good.publicSignals];
    signals[0] = (BigInt(signals[0]!) + 1000n).toString();
    const r = await check(asQuery(good.proof, signals));
    expect(r).toMatchObject({ verified: false, reason: 'invalid_proof' });
  });

  it('rejects a proof made on other inputs: the validator overwrites the public inputs', async () => {
    const signals = [...good.publicSignals];
    const other = { ...wire, previous_score: [0, 0] };
    const r = await verifyResponse(registry, {
      circuitId: powId,
      inputs: other,
      answer: asQuery(good.proof, signals),
    });
    expect(r).toMatchObject({ verified: false, reason: 'invalid_proof' });
  });

  it('rejects a proof for another circuit', async () => {
    // The MLP proof as is: wrong number of signals for the PoW circuit.
    expect(await check(asQuery(mlpProof.proof, mlpProof.publicSignals))).toMatchObject({
      reason: 'wrong_signal_count',
    });
    // The MLP proof with the PoW signals: the pairing check fails.
    expect(await check(asQuery(mlpProof.proof, good.publicSignals))).toMatchObject({
      reason: 'invalid_proof',
    });
  });

  it('rejects an unknown circuit id', async () => {
    const r = await check(asQuery(good.proof, good.publicSignals), 'ab'.repeat(32));
    expect(r).toMatchObject({ verified: false, reason: 'unknown_circuit' });
  });

  it('rejects a miner that answers a string instead of JSON', async () => {
    expect(await check({ query_output: MINER_ERROR_STRINGS.failed })).toMatchObject({ reason: 'not_json' });
    expect(await check({ query_output: '"just a string"' })).toMatchObject({ reason: 'not_json' });
    expect(await check({ query_output: null })).toMatchObject({ reason: 'empty_response' });
    expect(await check({ query_output: 42 })).toMatchObject({ reason: 'not_json' });
  });

  it('rejects proof points that are not on the curve without throwing', async () => {
    const proof = { ...good.proof, pi_a: ['1', '3', '1'] };
    const r = await check(asQuery(proof, good.publicSignals));
    expect(r).toMatchObject({ verified: false, reason: 'invalid_proof' });
  });

  it('verifies the MLP circuit with the validator inputs overwriting the miner signals', async () => {
    const input = generateMlpInputs(seededRng(5));
    const r = await verifyResponse(registry, {
      circuitId: mlpId,
      inputs: { ...input },
      answer: { query_output: encodeQueryOutput(mlpProof.proof, mlpProof.publicSignals) },
    });
    expect(r.verified).toBe(true);
  });
});
