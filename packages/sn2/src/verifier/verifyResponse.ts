import { outputSignalCount, publicSignalCount } from '../circuits/definition.js';
import { DEFAULT_PROOF_SIZE } from '../scoring/constants.js';
import type { CircuitRegistry } from './circuitRegistry.js';
import { circomProofSize, Groth16ProofSchema, PublicSignalsSchema } from './groth16Proof.js';
import { overwritePublicInputs } from './overwritePublicInputs.js';

export type UnverifiedReason =
  | 'unknown_circuit'
  | 'empty_response'
  | 'not_json'
  | 'wrong_protocol'
  | 'wrong_curve'
  | 'malformed_proof'
  | 'malformed_public_signals'
  | 'wrong_signal_count'
  | 'bad_validator_inputs'
  | 'invalid_proof';

export type VerifyResult =
  | { verified: true; proofSize: number; outputs: bigint[]; publicSignals: bigint[] }
  | { verified: false; proofSize: number; reason: UnverifiedReason; detail?: string };

/**
 * A miner's answer: `query_output` of QueryZkProof (JSON text `{"proof","public_signals"}`, or a
 * plain error string), or `proof` / `public_signals` of ProofOfWeightsSynapse (JSON texts).
 */
export type MinerAnswer = { query_output: unknown } | { proof: unknown; public_signals: unknown };

export interface VerifyRequest {
  circuitId: string;
  /** The inputs this validator sent; they overwrite the public-input positions. */
  inputs: Readonly<Record<string, unknown>>;
  answer: MinerAnswer;
}

// An unverified answer is scored with the default proof size, whatever the miner sent (spec §4.4).
const fail = (reason: UnverifiedReason, detail?: string): VerifyResult => ({
  verified: false,
  proofSize: DEFAULT_PROOF_SIZE,
  reason,
  ...(detail ? { detail } : {}),
});

function decode(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Verifies a miner's Groth16 answer against the validator's own inputs (spec §4.3). Anything
 * wrong with the answer yields `{verified: false, reason}`; this never throws on miner data.
 */
export async function verifyResponse(registry: CircuitRegistry, req: VerifyRequest): Promise<VerifyResult> {
  const circuit = registry.get(req.circuitId);
  if (!circuit) return fail('unknown_circuit', req.circuitId);

  let proofRaw: unknown;
  let signalsRaw: unknown;
  if ('query_output' in req.answer) {
    if (
      req.answer.query_output === null ||
      req.answer.query_output === undefined ||
      req.answer.query_output === ''
    ) {
      return fail('empty_response');
    }
    const outer = decode(req.answer.query_output);
    if (!outer.ok || !isRecord(outer.value)) return fail('not_json', 'query_output is not a JSON object');
    proofRaw = outer.value.proof;
    signalsRaw = outer.value.public_signals;
  } else {
    proofRaw = req.answer.proof;
    signalsRaw = req.answer.public_signals;
  }
  if (
    proofRaw === undefined ||
    proofRaw === null ||
    proofRaw === '' ||
    signalsRaw === undefined ||
    signalsRaw === null
  ) {
    return fail('empty_response', 'missing proof or public_signals');
  }

  const proofJson = decode(proofRaw);
  if (!proofJson.ok || !isRecord(proofJson.value)) return fail('not_json', 'proof is not a JSON object');
  if (proofJson.value.protocol !== 'groth16') return fail('wrong_protocol', String(proofJson.value.protocol));
  if (proofJson.value.curve !== 'bn128') return fail('wrong_curve', String(proofJson.value.curve));
  const proof = Groth16ProofSchema.safeParse(proofJson.value);
  if (!proof.success) return fail('malformed_proof', proof.error.issues[0]?.message);
  const proofSize = circomProofSize(proof.data);

  const signalsJson = decode(signalsRaw);
  if (!signalsJson.ok) return fail('not_json', 'public_signals is not JSON');
  const signals = PublicSignalsSchema.safeParse(signalsJson.value);
  if (!signals.success) return fail('malformed_public_signals', signals.error.issues[0]?.message);
  const expected = publicSignalCount(circuit.definition);
  if (signals.data.length !== expected) {
    return fail('wrong_signal_count', `expected ${expected}, got ${signals.data.length}`);
  }

  let publicSignals: bigint[];
  try {
    publicSignals = overwritePublicInputs(circuit.definition, signals.data.map(BigInt), req.inputs);
  } catch (err) {
    return fail('bad_validator_inputs', err instanceof Error ? err.message : String(err));
  }
  let ok: boolean;
  try {
    ok = await circuit.key.verify(proof.data, publicSignals);
  } catch (err) {
    return fail('invalid_proof', err instanceof Error ? err.message : String(err));
  }
  if (!ok) return fail('invalid_proof');
  return {
    verified: true,
    proofSize,
    outputs: publicSignals.slice(0, outputSignalCount(circuit.definition)),
    publicSignals,
  };
}
