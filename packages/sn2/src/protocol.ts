import { z } from 'zod';

// SN2 synapses (spec §2.1), with the reference's field names and encodings. Only the subnet's own
// fields are here; the transport wraps them with the common synapse fields (name, timeout,
// dendrite/axon terminal info, body hash).

/** Proof systems, parsed case-insensitively like the reference's enum. */
export const PROOF_SYSTEMS = ['ZKML', 'CIRCOM', 'JOLT', 'EZKL'] as const;
export type ProofSystem = (typeof PROOF_SYSTEMS)[number];
export const ProofSystemSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(PROOF_SYSTEMS));

export const CircuitTypeSchema = z.enum(['proof_of_weights', 'proof_of_computation']);

/** 64 hex characters: sha256 of a circuit's verification key file. */
export const CircuitIdSchema = z.string().regex(/^[0-9a-f]{64}$/i, 'a 64-hex circuit id');

/** The validator's request inside QueryZkProof: named public inputs and the circuit id. */
export const QueryInputSchema = z.looseObject({
  public_inputs: z.record(z.string(), z.unknown()),
  model_id: CircuitIdSchema.optional(),
});
export type QueryInput = z.infer<typeof QueryInputSchema>;

/** `query_output` decoded: both members are JSON texts (proof.json and public.json). */
export const QueryOutputSchema = z.object({ proof: z.string(), public_signals: z.string() });
export type QueryOutput = z.infer<typeof QueryOutputSchema>;

export const QueryZkProofSchema = z.object({
  query_input: QueryInputSchema.nullable().default(null),
  /** JSON text of `{proof, public_signals}`, or a plain error string from the miner. */
  query_output: z.string().nullable().default(null),
});
export type QueryZkProof = z.infer<typeof QueryZkProofSchema>;

export const ProofOfWeightsSynapseSchema = z.object({
  subnet_uid: z.number().int().default(2),
  verification_key_hash: z.string(),
  proof_system: ProofSystemSchema.default('CIRCOM'),
  inputs: z.record(z.string(), z.unknown()),
  proof: z.string().default(''),
  public_signals: z.string().default(''),
});
export type ProofOfWeightsSynapse = z.infer<typeof ProofOfWeightsSynapseSchema>;

export const QueryForCapacitiesSchema = z.object({
  capacities: z.record(z.string(), z.number().int()).nullable().default(null),
});
export type QueryForCapacities = z.infer<typeof QueryForCapacitiesSchema>;

/** What `deserialize()` returns in the reference, per synapse. */
export const deserializeQueryZkProof = (s: QueryZkProof): string | null => s.query_output;
export const deserializeProofOfWeights = (
  s: ProofOfWeightsSynapse,
): { inputs: Record<string, unknown>; proof: string; public_signals: string } => ({
  inputs: s.inputs,
  proof: s.proof,
  public_signals: s.public_signals,
});
export const deserializeQueryForCapacities = (s: QueryForCapacities): Record<string, number> | null =>
  s.capacities;

/** Encodes a Groth16 result the way the reference miner fills `query_output` (spec §2.1). */
export function encodeQueryOutput(proof: unknown, publicSignals: readonly string[]): string {
  return JSON.stringify({ proof: JSON.stringify(proof), public_signals: JSON.stringify(publicSignals) });
}

/** Error strings the reference miner answers with instead of JSON. */
export const MINER_ERROR_STRINGS = {
  empty: 'Empty query input',
  failed: 'An error occurred',
  competitionOnly: 'Competition only mode enabled',
} as const;

/** Inputs on the wire: bigints become JSON numbers (every PoW value is below 2^53). */
export function toWireInputs(inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const conv = (v: unknown): unknown => {
    if (typeof v === 'bigint') {
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v.toString();
      return Number(v);
    }
    return Array.isArray(v) ? v.map(conv) : v;
  };
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, conv(v)]));
}
