import { defineOptions, type OptionsOf, option } from '@taonode/neuron';
import { OWNER_BURN_SHARE } from '../scoring/ownerBurn.js';
import { WEIGHT_RATE_LIMIT, WEIGHT_UPDATE_BUFFER } from '../scoring/weightWindow.js';

/** Bumped with the reference (spec §4.5); the chain refuses weights with an older key. */
export const SN2_WEIGHTS_VERSION = 11002;

/** SN2's own flags, declared once: validated with the runtime's at start, listed in --help, typed in `ctx.options`. */
export const sn2Options = defineOptions({
  circuits: option.string('neuron.circuits', {
    default: 'pow-16,mlp',
    description:
      'SN2 circuits to serve (miner) or query (validator): pow-<batch> (proof of weights) and mlp, comma separated; both sides need the same list',
  }),
  ptau: option.string('neuron.ptau', {
    description:
      'SN2 powers-of-tau file or https URL for the Groth16 setup (default: the 2^16 test file ../shared/zk/test-pot16_final.ptau; test keys are forgeable)',
  }),
  ptauSha256: option.string('neuron.ptau_sha256', {
    description: 'SN2: pinned sha256 of --neuron.ptau (required with it)',
  }),
  keysDir: option.path('neuron.keys_dir', {
    description:
      'SN2: published keys, <dir>/<circuit>/verification_key.json (+ circuit.zkey for miners), used instead of a local setup so every operator shares one circuit id',
  }),
  zkCacheDir: option.path('neuron.zk_cache_dir', {
    description: 'SN2: folder for compiled circuits and keys (default packages/sn2/.cache/circuits)',
  }),
  proverConcurrency: option.integer('neuron.prover_concurrency', {
    default: 1,
    min: 1,
    max: 64,
    roles: ['miner'],
    description:
      'SN2 miner: proofs computed at once (worker threads); more wait in a queue. Each proof already uses every core',
  }),
  capacity: option.integer('neuron.capacity', {
    default: 400,
    min: 0,
    roles: ['miner'],
    description: 'SN2 miner: compute units per circuit reported to QueryForCapacities',
  }),
  competitionOnly: option.boolean('neuron.competition_only', {
    roles: ['miner'],
    description: 'SN2 miner: answer proof requests with "Competition only mode enabled"',
  }),
  testTamperOutputs: option.boolean('neuron.test_tamper_outputs', {
    roles: ['miner'],
    description: 'SN2 miner, tests only: change the first output signal of every proof (it fails to verify)',
  }),
  weightsRateLimit: option.integer('neuron.weights_rate_limit', {
    default: WEIGHT_RATE_LIMIT,
    min: 0,
    roles: ['validator'],
    description:
      "SN2 validator: blocks since the last weight update before the next (the reference's WEIGHT_RATE_LIMIT; the chain's own limit wins when longer)",
  }),
  weightsUpdateBuffer: option.integer('neuron.weights_update_buffer', {
    default: WEIGHT_UPDATE_BUFFER,
    min: 0,
    roles: ['validator'],
    description:
      "SN2 validator: set weights only this many blocks (or fewer) before the next epoch boundary (the reference's WEIGHT_UPDATE_BUFFER)",
  }),
  epochTempo: option.integer('neuron.epoch_tempo', {
    default: 0,
    min: 0,
    roles: ['validator'],
    description:
      "SN2 validator: epoch length for the weight window; 0 = the subnet's tempo read from the chain (360 on SN2, the reference's EPOCH_TEMPO)",
  }),
  ownerBurn: option.number('neuron.owner_burn', {
    default: OWNER_BURN_SHARE,
    min: 0,
    max: 1,
    roles: ['validator'],
    description:
      "SN2 validator: weight share routed to the subnet owner's uid, miner weights scaled by the rest (the reference's 80% burn since subnet-2 a3ce328); 0 turns it off",
  }),
});

export type Sn2Options = OptionsOf<typeof sn2Options>;
