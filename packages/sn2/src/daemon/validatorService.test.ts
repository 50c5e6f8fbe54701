/**
 * The validator's SN2 path over real signed HTTP against a miner axon that misbehaves in every way
 * the issue lists: each answer is scored unverified with a reason, and nothing throws.
 */
import { createLogger } from '@taonode/neuron';
import { type Axon, createAxon, createDendrite, type Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../inputs/random.js';
import { ProverPool } from '../prover/proverPool.js';
import { Sn2ProofOfWeights, Sn2QueryZkProof } from '../synapses.js';
import { testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import type { CircuitArtifacts } from '../zk/buildCircuit.js';
import { MinerService } from './minerService.js';
import { ValidatorService } from './validatorService.js';

type Mode =
  | 'honest'
  | 'string'
  | 'malformed'
  | 'wrong_curve'
  | 'wrong_protocol'
  | 'short_signals'
  | 'tampered'
  | 'other_circuit'
  | 'not_a_string'
  | 'throws';

const miner = Keypair.fromUri('//Alice');
const logger = createLogger({ level: 'info', format: 'json', name: 'sn2-test' });
logger.level = 'silent';
let mode: Mode = 'honest';
let axon: Axon;
let dendrite: Dendrite;
let pool: ProverPool;
let pow: CircuitArtifacts;
let mlp: CircuitArtifacts;
let service: MinerService;
let mlpProof: string;

/** Rewrites the honest `{proof, public_signals}` answer the way the current mode asks. */
function misbehave(honest: string): unknown {
  const outer = JSON.parse(honest) as { proof: string; public_signals: string };
  const proof = JSON.parse(outer.proof) as Record<string, unknown>;
  const signals = JSON.parse(outer.public_signals) as string[];
  const encode = (p: unknown, s: unknown) =>
    JSON.stringify({ proof: JSON.stringify(p), public_signals: JSON.stringify(s) });
  switch (mode) {
    case 'string':
      return 'An error occurred';
    case 'malformed':
      return JSON.stringify({ proof: '{"pi_a": [', public_signals: outer.public_signals });
    case 'wrong_curve':
      return encode({ ...proof, curve: 'bls12381' }, signals);
    case 'wrong_protocol':
      return encode({ ...proof, protocol: 'plonk' }, signals);
    case 'short_signals':
      return encode(proof, signals.slice(1));
    case 'tampered':
      return encode(proof, [String(BigInt(signals[0]!) + 1n), ...signals.slice(1)]);
    case 'other_circuit':
      return mlpProof;
    case 'not_a_string':
      return 42;
    default:
      return honest;
  }
}

beforeAll(async () => {
  [pow, mlp] = await Promise.all([testPowCircuit(), testMlpCircuit()]);
  pool = new ProverPool({ concurrency: 1 });
  service = new MinerService([pow, mlp], pool, {
    competitionOnly: false,
    capacity: 1,
    tamperOutputs: false,
    logger,
  });
  axon = createAxon({ signer: miner, ip: '127.0.0.1', port: 0 });
  axon.attach(Sn2QueryZkProof, {
    forward: async (synapse) => {
      if (mode === 'throws') throw new Error('miner bug');
      const honest = await service.queryZkProof(synapse.query_input);
      (synapse as { query_output: unknown }).query_output = misbehave(honest);
      return synapse;
    },
  });
  axon.attach(Sn2ProofOfWeights, {
    forward: async (synapse) => {
      const honest = await service.proofOfWeights(synapse);
      if (mode === 'other_circuit') Object.assign(honest, JSON.parse(mlpProof));
      if (mode === 'tampered') {
        const s = JSON.parse(honest.public_signals) as string[];
        s[0] = String(BigInt(s[0]!) + 1n);
        honest.public_signals = JSON.stringify(s);
      }
      Object.assign(synapse, honest);
      return synapse;
    },
  });
  await axon.start();
  dendrite = createDendrite({ signer: Keypair.fromUri('//Bob') });
  // A valid MLP answer, reused as "a proof for another circuit" against the PoW circuit.
  mlpProof = await service.queryZkProof({
    public_inputs: { list_items: [1, 2, 3, 4, 5], nonce: 7 },
    model_id: mlp.id,
  });
}, 300_000);

afterAll(async () => {
  await dendrite?.close();
  await axon?.stop();
  await pool?.close();
});

const target = () => ({ ip: '127.0.0.1', port: axon.address.port, hotkey: miner.ss58Address });
const minerTarget = () => ({
  uid: 5,
  hotkey: miner.ss58Address,
  axon: { ...target(), ipType: 4, version: 0, block: 0, serving: true },
});

describe('SN2 validator against a misbehaving miner (real HTTP)', () => {
  it('an honest miner is verified on both synapses, with the dendrite response time', async () => {
    mode = 'honest';
    for (const art of [mlp, pow]) {
      const v = await ValidatorService.create([art], seededRng(1));
      const r = await v.query(dendrite, minerTarget(), 60);
      expect(r).toMatchObject({ uid: 5, circuit: art.definition.name, verified: true });
      expect(r.responseTime).toBeGreaterThan(0);
      expect(r.proofSize).toBeGreaterThan(0);
    }
  }, 120_000);

  it.each([
    ['string', 'not_json'],
    ['malformed', 'not_json'],
    ['wrong_curve', 'wrong_curve'],
    ['wrong_protocol', 'wrong_protocol'],
    ['short_signals', 'wrong_signal_count'],
    ['tampered', 'invalid_proof'],
    ['not_a_string', 'call_failed'],
    ['throws', 'call_failed'],
  ] as const)(
    'QueryZkProof answer "%s" is unverified (%s), proof size 5000',
    async (m, reason) => {
      mode = m;
      const v = await ValidatorService.create([mlp], seededRng(2));
      const r = await v.query(dendrite, minerTarget(), 60);
      expect(r).toMatchObject({ verified: false, reason, proofSize: 5000 });
    },
    120_000,
  );

  it('a proof for another circuit and a tampered PoW answer are unverified', async () => {
    const v = await ValidatorService.create([pow], seededRng(3));
    mode = 'other_circuit';
    const wrongCircuit = await v.query(dendrite, minerTarget(), 60);
    expect(wrongCircuit.verified).toBe(false);
    mode = 'tampered';
    const tampered = await v.query(dendrite, minerTarget(), 60);
    expect(tampered).toMatchObject({ verified: false, reason: 'invalid_proof' });
  }, 120_000);

  it('an unknown circuit id: the miner answers empty, the validator refuses to verify it', async () => {
    mode = 'honest';
    const r = await dendrite.call(
      target(),
      Sn2ProofOfWeights.create({ verification_key_hash: 'ab'.repeat(32), inputs: { a: 1 } }),
      { timeout: 30 },
    );
    expect(r.dendrite.status_code).toBe(200);
    expect(r.proof).toBe('');
    const v = await ValidatorService.create([pow]);
    const out = await v.verify('ab'.repeat(32), {}, { proof: r.proof, public_signals: r.public_signals });
    expect(out).toMatchObject({ verified: false, reason: 'unknown_circuit' });
  }, 60_000);

  it('never sends the same inputs twice', async () => {
    mode = 'honest';
    const v = await ValidatorService.create([mlp], seededRng(4));
    await v.query(dendrite, minerTarget(), 60);
    await v.query(dendrite, minerTarget(), 60);
    expect(v.guard.size).toBe(2);
  }, 120_000);
});
