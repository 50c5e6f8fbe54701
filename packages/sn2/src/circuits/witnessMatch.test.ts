import { describe, expect, it } from 'vitest';
import { generateMlpInputs, mlpForward } from '../inputs/mlpInputs.js';
import { computePowOutputs, generatePowInputs, type PowInputs } from '../inputs/powInputs.js';
import { seededRng } from '../inputs/random.js';
import { TEST_POW_BATCH, testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import { toField } from '../zk/field.js';
import { calculateWitness } from '../zk/witness.js';

const S = 100_000_000n;

function flatOutputs(input: PowInputs): bigint[] {
  const o = computePowOutputs(input);
  return [...o.new_score, ...o.block_number_out, ...o.miner_uid_out, ...o.validator_uid_out];
}

describe('TypeScript scoring equals the circuit witness', () => {
  it('random benchmark batches', async () => {
    const pow = await testPowCircuit();
    for (let seed = 1; seed <= 12; seed++) {
      const input = generatePowInputs(TEST_POW_BATCH, seededRng(seed));
      const witness = await calculateWitness(pow.wasmPath, input);
      const outputs = witness.slice(1, 1 + 4 * TEST_POW_BATCH);
      expect(outputs, `seed ${seed}`).toEqual(flatOutputs(input));
    }
  }, 600_000);

  it('edge records: faster than rmin, zero spread, at the cap, competition weight, extremes', async () => {
    const pow = await testPowCircuit();
    const base = generatePowInputs(TEST_POW_BATCH, seededRng(99));
    const cases: Array<Partial<PowInputs>> = [
      { response_time: [S, 2n * S], minimum_response_time: [3n * S, 3n * S], verified: [1n, 1n] },
      {
        maximum_response_time: [5n * S, 5n * S],
        minimum_response_time: [5n * S, 5n * S],
        verified: [1n, 1n],
      },
      {
        maximum_response_time: [4n * S, 4n * S],
        minimum_response_time: [5n * S, 5n * S],
        verified: [1n, 1n],
      },
      { response_time: [60n * S, 61n * S], maximum_response_time: [60n * S, 60n * S], verified: [1n, 1n] },
      { COMPETITION_WEIGHT: S, competition: [S, S / 3n], verified: [1n, 1n] },
      { previous_score: [0n, 2n ** 40n - 1n], maximum_score: [2n ** 40n - 1n, 0n], verified: [1n, 1n] },
      { RATE_OF_DECAY: S, RATE_OF_RECOVERY: S, verified: [0n, 1n] },
      { MAXIMUM_RESPONSE_TIME_DECIMAL: S, response_time: [70n * S, 70n * S], verified: [1n, 1n] },
    ];
    for (const [i, over] of cases.entries()) {
      const input = { ...base, ...over } as PowInputs;
      const witness = await calculateWitness(pow.wasmPath, input);
      expect(witness.slice(1, 1 + 4 * TEST_POW_BATCH), `case ${i}`).toEqual(flatOutputs(input));
    }
  }, 600_000);

  it('the MLP circuit equals mlpForward', async () => {
    const mlp = await testMlpCircuit();
    for (let seed = 1; seed <= 8; seed++) {
      const input = generateMlpInputs(seededRng(seed));
      const witness = await calculateWitness(mlp.wasmPath, { ...input });
      expect(witness.slice(1, 3)).toEqual(mlpForward(input.list_items).map(toField));
    }
    const extremes = [
      [0, 0, 0, 0, 0],
      [65535, 65535, 65535, 65535, 65535],
      [65535, 0, 65535, 0, 65535],
    ];
    for (const list_items of extremes) {
      const witness = await calculateWitness(mlp.wasmPath, { list_items, nonce: 1 });
      expect(witness.slice(1, 3)).toEqual(mlpForward(list_items).map(toField));
    }
  }, 600_000);
});
