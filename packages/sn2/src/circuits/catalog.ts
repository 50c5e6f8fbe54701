import type { CircuitDefinition } from './definition.js';

const POW_ARRAYS = [
  'maximum_score',
  'previous_score',
  'verified',
  'proof_size',
  'response_time',
  'competition',
  'maximum_response_time',
  'minimum_response_time',
  'validator_uid',
  'block_number',
  'miner_uid',
] as const;

export const POW_SCALARS = [
  'scaling',
  'RATE_OF_DECAY',
  'RATE_OF_RECOVERY',
  'FLATTENING_COEFFICIENT',
  'COMPETITION_WEIGHT',
  'PROOF_SIZE_WEIGHT',
  'PROOF_SIZE_THRESHOLD',
  'RESPONSE_TIME_WEIGHT',
  'MAXIMUM_RESPONSE_TIME_DECIMAL',
] as const;

export type PowArrayName = (typeof POW_ARRAYS)[number];
export type PowScalarName = (typeof POW_SCALARS)[number];
export { POW_ARRAYS };

/** The SN2 proof-of-weights incentive over `batch` records (256 and 1024 in production). */
export function powCircuit(batch: number): CircuitDefinition {
  if (!Number.isInteger(batch) || batch < 1)
    throw new RangeError(`batch must be a positive integer: ${batch}`);
  return {
    name: `sn2-pow-${batch}`,
    type: 'proof_of_weights',
    source: 'incentive.circom',
    template: 'IncentiveMechanism',
    args: [batch],
    outputs: ['new_score', 'block_number_out', 'miner_uid_out', 'validator_uid_out'].map((name) => ({
      name,
      size: batch,
    })),
    publicInputs: [
      ...POW_ARRAYS.map((name) => ({ name, size: batch })),
      ...POW_SCALARS.map((name) => ({ name, size: 1 })),
    ],
  };
}

export const MLP_INPUTS = 5;
export const MLP_OUTPUTS = 2;

/** A 5 → 8 → 2 fixed-point MLP, the proof-of-computation example circuit. */
export function mlpCircuit(): CircuitDefinition {
  return {
    name: 'sn2-mlp',
    type: 'proof_of_computation',
    source: 'mlp.circom',
    template: 'Mlp',
    args: [],
    outputs: [{ name: 'scores', size: MLP_OUTPUTS }],
    publicInputs: [
      { name: 'list_items', size: MLP_INPUTS },
      { name: 'nonce', size: 1 },
    ],
  };
}
