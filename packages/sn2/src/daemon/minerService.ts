import type { Logger } from '@taonode/neuron';
import {
  encodeQueryOutput,
  MINER_ERROR_STRINGS,
  type ProofOfWeightsSynapse,
  type QueryInput,
} from '../protocol.js';
import type { ProveResult, ProverPool } from '../prover/proverPool.js';
import type { CircuitArtifacts } from '../zk/buildCircuit.js';

/** Jobs allowed to wait beyond the running ones; more are refused at once instead of timing out. */
const MAX_QUEUED_PER_WORKER = 8;

export interface MinerServiceOptions {
  competitionOnly: boolean;
  capacity: number;
  /** Tests only: corrupt the first output so the proof fails verification. */
  tamperOutputs: boolean;
  logger: Logger;
  /** Called after each proof made (the miner's `proofs_made` figure). */
  onProof?: (circuit: string, proveMs: number) => void;
}

type ProofOutcome = { ok: true; result: ProveResult } | { ok: false; message: string };

/**
 * What an SN2 miner answers (spec §4.1), independent of the axon: look the circuit up, prove the
 * validator's inputs with the worker pool, encode the result the reference's way. Every failure
 * becomes the reference's error string; nothing a caller sends can throw out of here.
 */
export class MinerService {
  private readonly byId = new Map<string, CircuitArtifacts>();
  private readonly defaultId: string;

  constructor(
    circuits: readonly CircuitArtifacts[],
    private readonly pool: ProverPool,
    private readonly opts: MinerServiceOptions,
  ) {
    if (circuits.length === 0) throw new Error('an SN2 miner needs at least one circuit');
    for (const c of circuits) this.byId.set(c.id, c);
    // The reference falls back to its PoW circuit when model_id is missing.
    this.defaultId = (circuits.find((c) => c.definition.type === 'proof_of_weights') ?? circuits[0]!).id;
  }

  /** `QueryZkProof`: returns the `query_output` text. */
  async queryZkProof(queryInput: QueryInput | null): Promise<string> {
    if (this.opts.competitionOnly) return MINER_ERROR_STRINGS.competitionOnly;
    const inputs = queryInput?.public_inputs;
    if (!inputs || Object.keys(inputs).length === 0) return MINER_ERROR_STRINGS.empty;
    const outcome = await this.prove(queryInput.model_id ?? this.defaultId, inputs);
    if (!outcome.ok) return MINER_ERROR_STRINGS.failed;
    return encodeQueryOutput(outcome.result.proof, outcome.result.publicSignals);
  }

  /** `ProofOfWeightsSynapse`: returns the `proof` and `public_signals` JSON texts (empty on failure). */
  async proofOfWeights(s: ProofOfWeightsSynapse): Promise<{ proof: string; public_signals: string }> {
    if (this.opts.competitionOnly || s.proof_system !== 'CIRCOM') return { proof: '', public_signals: '' };
    const outcome = await this.prove(s.verification_key_hash.toLowerCase(), s.inputs);
    if (!outcome.ok) return { proof: '', public_signals: '' };
    return {
      proof: JSON.stringify(outcome.result.proof),
      public_signals: JSON.stringify(outcome.result.publicSignals),
    };
  }

  /** `QueryForCapacities`: compute units per circuit id, from config. */
  capacities(): Record<string, number> {
    return Object.fromEntries([...this.byId.keys()].map((id) => [id, this.opts.capacity]));
  }

  private async prove(circuitId: string, input: Record<string, unknown>): Promise<ProofOutcome> {
    const { logger } = this.opts;
    const circuit = this.byId.get(circuitId);
    if (!circuit) {
      logger.info({ circuitId }, 'SN2 request for a circuit this miner does not serve');
      return { ok: false, message: 'unknown circuit' };
    }
    if (this.pool.pending >= this.pool.concurrency * (1 + MAX_QUEUED_PER_WORKER)) {
      logger.warn({ pending: this.pool.pending }, 'SN2 prover queue full; refusing a request');
      return { ok: false, message: 'busy' };
    }
    try {
      const result = await this.pool.prove({ wasmPath: circuit.wasmPath, zkeyPath: circuit.zkeyPath, input });
      if (this.opts.tamperOutputs && result.publicSignals.length > 0) {
        result.publicSignals[0] = (BigInt(result.publicSignals[0]!) + 1n).toString();
      }
      logger.debug(
        { circuit: circuit.definition.name, proveMs: Math.round(result.proveMs) },
        'SN2 proof made',
      );
      this.opts.onProof?.(circuit.definition.name, result.proveMs);
      return { ok: true, result };
    } catch (err) {
      // Bad inputs from a caller are normal traffic, not a daemon problem.
      logger.info(
        { circuit: circuit.definition.name, err: err instanceof Error ? err.message : String(err) },
        'SN2 proof failed',
      );
      return { ok: false, message: 'prove failed' };
    }
  }
}
