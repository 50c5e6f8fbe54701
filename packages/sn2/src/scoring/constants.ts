/** Scale of every fixed-point value in the proof-of-weights circuit (spec §3.2). */
export const SCALING = 100_000_000n;

/** The incentive constants at main (spec §5.1), as plain numbers. */
export const SCORING_CONSTANTS = {
  RATE_OF_DECAY: 0.4,
  RATE_OF_RECOVERY: 0.1,
  FLATTENING_COEFFICIENT: 0.9,
  PROOF_SIZE_THRESHOLD: 3648,
  PROOF_SIZE_WEIGHT: 0,
  RESPONSE_TIME_WEIGHT: 1,
  MAXIMUM_RESPONSE_TIME_DECIMAL: 0.99,
  COMPETITION_WEIGHT: 0,
} as const;

export const DEFAULT_PROOF_SIZE = 5000;
export const CIRCUIT_TIMEOUT_SECONDS = 60;
