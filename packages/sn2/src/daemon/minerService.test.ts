import { createLogger } from '@taonode/neuron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMlpInputs } from '../inputs/mlpInputs.js';
import { seededRng } from '../inputs/random.js';
import { MINER_ERROR_STRINGS } from '../protocol.js';
import { ProverPool } from '../prover/proverPool.js';
import { testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import type { CircuitArtifacts } from '../zk/buildCircuit.js';
import { parseCircuitList } from './loadCircuits.js';
import { MinerService } from './minerService.js';
import { ValidatorService } from './validatorService.js';

const logger = createLogger({ level: 'info', format: 'json', name: 'sn2-test' });
logger.level = 'silent';
let pool: ProverPool;
let pow: CircuitArtifacts;
let mlp: CircuitArtifacts;
const opts = { competitionOnly: false, capacity: 250, tamperOutputs: false, logger };

beforeAll(async () => {
  [pow, mlp] = await Promise.all([testPowCircuit(), testMlpCircuit()]);
  pool = new ProverPool({ concurrency: 1 });
}, 300_000);
afterAll(() => pool?.close());

describe('MinerService (spec §4.1)', () => {
  it('proves the named circuit; the answer verifies against the inputs sent', async () => {
    const miner = new MinerService([pow, mlp], pool, opts);
    const inputs = { ...generateMlpInputs(seededRng(9)) };
    const out = await miner.queryZkProof({ public_inputs: inputs, model_id: mlp.id });
    const validator = await ValidatorService.create([pow, mlp]);
    expect(await validator.verify(mlp.id, inputs, { query_output: out })).toMatchObject({ verified: true });
  }, 120_000);

  it("answers with the reference's error strings, never throws", async () => {
    const miner = new MinerService([pow, mlp], pool, opts);
    expect(await miner.queryZkProof(null)).toBe(MINER_ERROR_STRINGS.empty);
    expect(await miner.queryZkProof({ public_inputs: {} })).toBe(MINER_ERROR_STRINGS.empty);
    expect(await miner.queryZkProof({ public_inputs: { x: 1 }, model_id: 'cd'.repeat(32) })).toBe(
      MINER_ERROR_STRINGS.failed,
    );
    // No model_id: the PoW circuit, which these inputs do not fit.
    expect(await miner.queryZkProof({ public_inputs: { list_items: [1], nonce: 1 } })).toBe(
      MINER_ERROR_STRINGS.failed,
    );
    expect(
      await miner.proofOfWeights({
        subnet_uid: 2,
        verification_key_hash: pow.id,
        proof_system: 'EZKL',
        inputs: {},
        proof: '',
        public_signals: '',
      }),
    ).toEqual({ proof: '', public_signals: '' });
    const compOnly = new MinerService([mlp], pool, { ...opts, competitionOnly: true });
    expect(await compOnly.queryZkProof({ public_inputs: { a: 1 } })).toBe(
      MINER_ERROR_STRINGS.competitionOnly,
    );
  }, 120_000);

  it('QueryForCapacities lists every served circuit id with the configured units', () => {
    const miner = new MinerService([pow, mlp], pool, opts);
    expect(miner.capacities()).toEqual({ [pow.id]: 250, [mlp.id]: 250 });
  });
});

describe('parseCircuitList', () => {
  it('accepts pow-<batch> and mlp, refuses anything else with the valid forms', () => {
    expect(parseCircuitList('pow-16, mlp').map((d) => d.name)).toEqual(['sn2-pow-16', 'sn2-mlp']);
    expect(() => parseCircuitList('pow-0')).toThrow(/use pow-<batch> \(1..1024\) or mlp/);
    expect(() => parseCircuitList('lstm')).toThrow(/unknown circuit 'lstm'/);
    expect(() => parseCircuitList('mlp,mlp')).toThrow(/twice/);
    expect(() => parseCircuitList(' , ')).toThrow(/empty/);
  });
});
