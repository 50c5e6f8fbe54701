import { POW_ARRAYS, type PowArrayName, type PowScalarName } from '../circuits/catalog.js';
import { circuitScoreUpdate } from '../scoring/circuitScore.js';
import { SCALING, SCORING_CONSTANTS } from '../scoring/constants.js';
import { cryptoRng, type Rng } from './random.js';

/** Named inputs of the proof-of-weights circuit, integers at scale 1e8 (spec §3.2). */
export type PowInputs = Record<PowArrayName, bigint[]> & Record<PowScalarName, bigint>;

export interface PowOutputs {
  new_score: bigint[];
  block_number_out: bigint[];
  miner_uid_out: bigint[];
  validator_uid_out: bigint[];
}

/** float × 1e8, truncated like Python's int(). */
export function scale(x: number): bigint {
  return BigInt(Math.trunc(x * 1e8));
}

/** The circuit constants of spec §5.1 at scale 1e8. */
export function defaultPowScalars(): Record<PowScalarName, bigint> {
  const c = SCORING_CONSTANTS;
  return {
    scaling: SCALING,
    RATE_OF_DECAY: scale(c.RATE_OF_DECAY),
    RATE_OF_RECOVERY: scale(c.RATE_OF_RECOVERY),
    FLATTENING_COEFFICIENT: scale(c.FLATTENING_COEFFICIENT),
    COMPETITION_WEIGHT: scale(c.COMPETITION_WEIGHT),
    PROOF_SIZE_WEIGHT: scale(c.PROOF_SIZE_WEIGHT),
    PROOF_SIZE_THRESHOLD: scale(c.PROOF_SIZE_THRESHOLD),
    RESPONSE_TIME_WEIGHT: scale(c.RESPONSE_TIME_WEIGHT),
    MAXIMUM_RESPONSE_TIME_DECIMAL: scale(c.MAXIMUM_RESPONSE_TIME_DECIMAL),
  };
}

/** Number of trailing validator_uid entries replaced by random 16-bit values as a nonce. */
export const POW_NONCE_ENTRIES = 16;

function randomizeNonce(validatorUids: bigint[], rng: Rng): void {
  const n = Math.min(POW_NONCE_ENTRIES, validatorUids.length);
  for (let i = validatorUids.length - n; i < validatorUids.length; i++)
    validatorUids[i] = BigInt(rng.int(0, 65535));
}

/** Random benchmark inputs for a batch, following the reference's generator (spec §3.2). */
export function generatePowInputs(batch: number, rng: Rng = cryptoRng): PowInputs {
  const minRt = scale(rng.uniform() * 60);
  const maxRt = minRt + scale(rng.uniform() * 60);
  const rt = minRt + BigInt(Math.floor(rng.uniform() * Number(maxRt - minRt + 1n)));
  const maxScore = SCALING / 256n;
  const arrays = Object.fromEntries(POW_ARRAYS.map((n) => [n, [] as bigint[]])) as Record<
    PowArrayName,
    bigint[]
  >;
  for (let i = 0; i < batch; i++) {
    arrays.maximum_score.push(maxScore);
    arrays.previous_score.push(BigInt(Math.floor(rng.uniform() * Number(maxScore))));
    arrays.verified.push(rng.uniform() < 0.5 ? 1n : 0n);
    arrays.proof_size.push(BigInt(rng.int(0, 5000)) * SCALING);
    arrays.response_time.push(rt);
    arrays.competition.push(scale(rng.uniform()));
    arrays.maximum_response_time.push(maxRt);
    arrays.minimum_response_time.push(minRt);
    arrays.validator_uid.push(BigInt(i % 256));
    arrays.block_number.push(BigInt(rng.int(3_000_000, 10_000_000)));
    arrays.miner_uid.push(BigInt(i % 256));
  }
  randomizeNonce(arrays.validator_uid, rng);
  return { ...arrays, ...defaultPowScalars() };
}

/** One queued score-update record in plain units, as the validator keeps them (spec §4.4). */
export interface PowRecord {
  maximumScore: number;
  previousScore: number;
  verified: boolean;
  proofSize: number;
  responseTime: number;
  competition: number;
  maximumResponseTime: number;
  minimumResponseTime: number;
  validatorUid: number;
  blockNumber: number;
  minerUid: number;
}

/** Real-world processing: scale floats by 1e8, fill the constants, add the validator_uid nonce. */
export function powInputsFromRecords(records: PowRecord[], rng: Rng = cryptoRng): PowInputs {
  const validatorUids = records.map((r) => BigInt(r.validatorUid));
  randomizeNonce(validatorUids, rng);
  return {
    maximum_score: records.map((r) => scale(r.maximumScore)),
    previous_score: records.map((r) => scale(r.previousScore)),
    verified: records.map((r) => (r.verified ? 1n : 0n)),
    proof_size: records.map((r) => scale(r.proofSize)),
    response_time: records.map((r) => scale(r.responseTime)),
    competition: records.map((r) => scale(r.competition)),
    maximum_response_time: records.map((r) => scale(r.maximumResponseTime)),
    minimum_response_time: records.map((r) => scale(r.minimumResponseTime)),
    validator_uid: validatorUids,
    block_number: records.map((r) => BigInt(r.blockNumber)),
    miner_uid: records.map((r) => BigInt(r.minerUid)),
    ...defaultPowScalars(),
  };
}

/** The circuit's outputs computed in TypeScript; equal to the witness for the same inputs. */
export function computePowOutputs(input: PowInputs): PowOutputs {
  const constants = {
    rateOfDecay: input.RATE_OF_DECAY,
    rateOfRecovery: input.RATE_OF_RECOVERY,
    competitionWeight: input.COMPETITION_WEIGHT,
    responseTimeWeight: input.RESPONSE_TIME_WEIGHT,
    maximumResponseTimeDecimal: input.MAXIMUM_RESPONSE_TIME_DECIMAL,
  };
  return {
    new_score: input.maximum_score.map((_, i) =>
      circuitScoreUpdate(
        {
          maximumScore: input.maximum_score[i]!,
          previousScore: input.previous_score[i]!,
          verified: input.verified[i] === 1n,
          responseTime: input.response_time[i]!,
          competition: input.competition[i]!,
          maximumResponseTime: input.maximum_response_time[i]!,
          minimumResponseTime: input.minimum_response_time[i]!,
        },
        constants,
      ),
    ),
    block_number_out: [...input.block_number],
    miner_uid_out: [...input.miner_uid],
    validator_uid_out: [...input.validator_uid],
  };
}
