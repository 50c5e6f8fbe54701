import * as snarkjs from 'snarkjs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMlpInputs } from '../inputs/mlpInputs.js';
import { computePowOutputs, generatePowInputs } from '../inputs/powInputs.js';
import { seededRng } from '../inputs/random.js';
import { TEST_POW_BATCH, testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import { CircuitRegistry } from '../verifier/circuitRegistry.js';
import { ProveError } from '../zk/errors.js';
import { ProverPool } from './proverPool.js';

describe('ProverPool', () => {
  const pool = new ProverPool({ concurrency: 2 });
  afterAll(() => pool.close());

  it('proves in worker threads while the event loop keeps running, and the proof verifies', async () => {
    const pow = await testPowCircuit();
    const input = generatePowInputs(TEST_POW_BATCH, seededRng(11));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await pool.prove({ wasmPath: pow.wasmPath, zkeyPath: pow.zkeyPath, input });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(result.proof.protocol).toBe('groth16');
    expect(result.publicSignals.slice(0, TEST_POW_BATCH).map(BigInt)).toEqual(
      computePowOutputs(input).new_score,
    );

    const registry = new CircuitRegistry();
    const id = await registry.register(pow.definition, pow.vkJson);
    expect(id).toBe(pow.id);
    const circuit = registry.get(id)!;
    expect(await circuit.key.verify(result.proof, result.publicSignals.map(BigInt))).toBe(true);
    // Same verdict as snarkjs' own verifier, for the good proof and a tampered output.
    const vk: unknown = JSON.parse(pow.vkJson);
    expect(await snarkjs.groth16.verify(vk, result.publicSignals, result.proof)).toBe(true);
    const tampered = [...result.publicSignals];
    tampered[0] = (BigInt(tampered[0]!) + 1n).toString();
    expect(await circuit.key.verify(result.proof, tampered.map(BigInt))).toBe(false);
    expect(await snarkjs.groth16.verify(vk, tampered, result.proof)).toBe(false);
  }, 600_000);

  it('runs at most `concurrency` workers and queues the rest', async () => {
    const mlp = await testMlpCircuit();
    const jobs = Array.from({ length: 5 }, (_, i) =>
      pool.prove({
        wasmPath: mlp.wasmPath,
        zkeyPath: mlp.zkeyPath,
        input: { ...generateMlpInputs(seededRng(i)) },
      }),
    );
    expect(pool.workerCount).toBeLessThanOrEqual(2);
    expect(pool.pending).toBe(5);
    const results = await Promise.all(jobs);
    expect(results).toHaveLength(5);
    expect(pool.pending).toBe(0);
  }, 600_000);

  it('rejects bad inputs with a ProveError and keeps working', async () => {
    const mlp = await testMlpCircuit();
    await expect(
      pool.prove({ wasmPath: mlp.wasmPath, zkeyPath: mlp.zkeyPath, input: { list_items: [1, 2, 3, 4, 5] } }),
    ).rejects.toBeInstanceOf(ProveError);
    await expect(
      pool.prove({
        wasmPath: mlp.wasmPath,
        zkeyPath: mlp.zkeyPath,
        input: { list_items: [70000, 0, 0, 0, 0], nonce: 1 },
      }),
    ).rejects.toBeInstanceOf(ProveError);
    const ok = await pool.prove({
      wasmPath: mlp.wasmPath,
      zkeyPath: mlp.zkeyPath,
      input: { ...generateMlpInputs() },
    });
    expect(ok.publicSignals).toHaveLength(8);
  }, 600_000);
});
