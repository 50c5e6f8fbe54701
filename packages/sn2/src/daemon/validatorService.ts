import type { MinerTarget } from '@taonode/neuron';
import type { Dendrite } from '@taonode/transport';
import type { CircuitDefinition } from '../circuits/definition.js';
import { HashGuard } from '../inputs/hashGuard.js';
import { generateMlpInputs } from '../inputs/mlpInputs.js';
import { generatePowInputs } from '../inputs/powInputs.js';
import { cryptoRng, type Rng } from '../inputs/random.js';
import { toWireInputs } from '../protocol.js';
import { Sn2ProofOfWeights, Sn2QueryZkProof } from '../synapses.js';
import { CircuitRegistry } from '../verifier/circuitRegistry.js';
import { type MinerAnswer, type UnverifiedReason, verifyResponse } from '../verifier/verifyResponse.js';
import type { CircuitArtifacts } from '../zk/buildCircuit.js';
import type { MinerResult } from './scoreUpdate.js';

export interface QueriedResult extends MinerResult {
  proofSize: number;
  /** Why it did not verify (`call_failed`: no answer, timeout, blacklisted, HTTP error). */
  reason?: UnverifiedReason | 'call_failed';
  detail?: string;
}

interface Registered {
  id: string;
  definition: CircuitDefinition;
}

/** Benchmark inputs per circuit (spec §3.2); each carries a nonce-like field. */
function generateInputs(def: CircuitDefinition, rng: Rng): Record<string, unknown> {
  const batch = def.args[0];
  if (def.type === 'proof_of_weights' && batch !== undefined)
    return toWireInputs(generatePowInputs(batch, rng));
  return { ...generateMlpInputs(rng) };
}

/**
 * The validator's SN2 work for one miner: pick a circuit, make fresh inputs (never sent before),
 * ask with the synapse the circuit's type calls for (§4.2), and verify the answer in process
 * against its own inputs (§4.3). Never throws on what a miner does.
 */
export class ValidatorService {
  readonly guard = new HashGuard();

  private constructor(
    private readonly registry: CircuitRegistry,
    private readonly circuits: Registered[],
    private readonly rng: Rng,
  ) {}

  static async create(
    artifacts: readonly CircuitArtifacts[],
    rng: Rng = cryptoRng,
  ): Promise<ValidatorService> {
    const registry = new CircuitRegistry();
    const circuits: Registered[] = [];
    for (const a of artifacts) {
      circuits.push({ id: await registry.register(a.definition, a.vkJson), definition: a.definition });
    }
    return new ValidatorService(registry, circuits, rng);
  }

  /** Uniform choice, as every reference circuit has the same benchmark weight. */
  pickCircuit(): Registered {
    return this.circuits[this.rng.int(0, this.circuits.length - 1)]!;
  }

  async query(
    dendrite: Dendrite,
    miner: MinerTarget,
    timeoutSeconds: number,
    signal?: AbortSignal,
  ): Promise<QueriedResult> {
    const circuit = this.pickCircuit();
    const inputs = this.guard.fresh(() => generateInputs(circuit.definition, this.rng));
    const base = { uid: miner.uid, circuit: circuit.definition.name };
    let answer: MinerAnswer;
    let status: { code: number | null; message: string | null; time: number | null };
    if (circuit.definition.type === 'proof_of_weights') {
      const r = await dendrite.call(
        miner.axon,
        Sn2ProofOfWeights.create({ verification_key_hash: circuit.id, proof_system: 'CIRCOM', inputs }),
        { timeout: timeoutSeconds, signal },
      );
      answer = { proof: r.proof, public_signals: r.public_signals };
      status = {
        code: r.dendrite.status_code,
        message: r.dendrite.status_message,
        time: r.dendrite.process_time,
      };
    } else {
      const r = await dendrite.call(
        miner.axon,
        Sn2QueryZkProof.create({ query_input: { public_inputs: inputs, model_id: circuit.id } }),
        { timeout: timeoutSeconds, signal },
      );
      answer = { query_output: r.query_output };
      status = {
        code: r.dendrite.status_code,
        message: r.dendrite.status_message,
        time: r.dendrite.process_time,
      };
    }
    if (status.code !== 200) {
      return {
        ...base,
        verified: false,
        responseTime: null,
        proofSize: 5000,
        reason: 'call_failed',
        detail: `${status.code ?? 'no status'} ${status.message ?? ''}`.trim(),
      };
    }
    return { ...base, ...(await this.verify(circuit.id, inputs, answer)), responseTime: status.time };
  }

  /** Verifies one answer against the inputs this validator sent. */
  async verify(
    circuitId: string,
    inputs: Readonly<Record<string, unknown>>,
    answer: MinerAnswer,
  ): Promise<Pick<QueriedResult, 'verified' | 'proofSize' | 'reason' | 'detail'>> {
    const v = await verifyResponse(this.registry, { circuitId, inputs, answer });
    if (v.verified) return { verified: true, proofSize: v.proofSize };
    return {
      verified: false,
      proofSize: v.proofSize,
      reason: v.reason,
      ...(v.detail ? { detail: v.detail } : {}),
    };
  }

  circuitIds(): string[] {
    return this.registry.ids();
  }
}
