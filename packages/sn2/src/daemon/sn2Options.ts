import type { OptionSpec } from '@taonode/neuron';
import { OWNER_BURN_SHARE } from '../scoring/ownerBurn.js';
import { WEIGHT_RATE_LIMIT, WEIGHT_UPDATE_BUFFER } from '../scoring/weightWindow.js';

/** Bumped with the reference (spec §4.5); the chain refuses weights with an older key. */
export const SN2_WEIGHTS_VERSION = 11002;

/** SN2's own `--neuron.*` flags, validated with the runtime's at start and listed in --help. */
export const SN2_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'neuron.circuits',
    kind: 'string',
    default: 'pow-16,mlp',
    description:
      'SN2 circuits to serve (miner) or query (validator): pow-<batch> (proof of weights) and mlp, comma separated; both sides need the same list',
  },
  {
    key: 'neuron.ptau',
    kind: 'string',
    description:
      'SN2 powers-of-tau file or https URL for the Groth16 setup (default: the 2^16 test file ../shared/zk/test-pot16_final.ptau; test keys are forgeable)',
  },
  {
    key: 'neuron.ptau_sha256',
    kind: 'string',
    description: 'SN2: pinned sha256 of --neuron.ptau (required with it)',
  },
  {
    key: 'neuron.keys_dir',
    kind: 'string',
    description:
      'SN2: published keys, <dir>/<circuit>/verification_key.json (+ circuit.zkey for miners), used instead of a local setup so every operator shares one circuit id',
  },
  {
    key: 'neuron.zk_cache_dir',
    kind: 'string',
    description: 'SN2: folder for compiled circuits and keys (default packages/sn2/.cache/circuits)',
  },
  {
    key: 'neuron.prover_concurrency',
    kind: 'integer',
    default: 1,
    min: 1,
    max: 64,
    description:
      'SN2 miner: proofs computed at once (worker threads); more wait in a queue. Each proof already uses every core',
  },
  {
    key: 'neuron.capacity',
    kind: 'integer',
    default: 400,
    min: 0,
    description: 'SN2 miner: compute units per circuit reported to QueryForCapacities',
  },
  {
    key: 'neuron.competition_only',
    kind: 'boolean',
    default: false,
    description: 'SN2 miner: answer proof requests with "Competition only mode enabled"',
  },
  {
    key: 'neuron.disable_blacklist',
    kind: 'boolean',
    default: false,
    description: 'SN2 miner: answer any caller (skips the registration, stake and permit checks)',
  },
  {
    key: 'neuron.test_tamper_outputs',
    kind: 'boolean',
    default: false,
    description: 'SN2 miner, tests only: change the first output signal of every proof (it fails to verify)',
  },
  {
    key: 'neuron.weights_rate_limit',
    kind: 'integer',
    default: WEIGHT_RATE_LIMIT,
    min: 0,
    description:
      "SN2 validator: blocks since the last weight update before the next (the reference's WEIGHT_RATE_LIMIT; the chain's own limit wins when longer)",
  },
  {
    key: 'neuron.weights_update_buffer',
    kind: 'integer',
    default: WEIGHT_UPDATE_BUFFER,
    min: 0,
    description:
      "SN2 validator: set weights only this many blocks (or fewer) before the next epoch boundary (the reference's WEIGHT_UPDATE_BUFFER)",
  },
  {
    key: 'neuron.epoch_tempo',
    kind: 'integer',
    default: 0,
    min: 0,
    description:
      "SN2 validator: epoch length for the weight window; 0 = the subnet's tempo read from the chain (360 on SN2, the reference's EPOCH_TEMPO)",
  },
  {
    key: 'neuron.owner_burn',
    kind: 'number',
    default: OWNER_BURN_SHARE,
    min: 0,
    max: 1,
    description:
      "SN2 validator: weight share routed to the subnet owner's uid, miner weights scaled by the rest (the reference's 80% burn since subnet-2 a3ce328); 0 turns it off",
  },
];
