/**
 * What the runtime tells the dashboard. These are the recorder's inputs, shaped as the natural
 * consumer of the runtime's observer events (validator step, weights set, miner request, subnet
 * figures); see docs/dashboard.md for the mapping. All times are milliseconds since the epoch and
 * default to `Date.now()` when left out.
 */

/** One value of a score component or a subnet figure, as a subnet's scoring reports it. */
export type ComponentValue = number | string | boolean | null;
export type Components = Readonly<Record<string, ComponentValue>>;

export type NeuronRole = 'validator' | 'miner';

/** Who this daemon is; send at start and again whenever uid, stake or block change. */
export interface NeuronIdentity {
  role: NeuronRole;
  /** The plug-in's short name (`sn2`, `test`, …). */
  subnet: string;
  netuid: number;
  hotkey: string;
  uid?: number | null;
  /** TAO staked on this hotkey. */
  stake?: number | null;
  block?: number | null;
  /** The daemon's version string, shown in the page footer. */
  version?: string;
}

/** One miner's outcome in a validator step. */
export interface StepMinerResult {
  uid: number;
  /** The miner's hotkey; needed once per uid and whenever it changes (re-registration). */
  hotkey?: string;
  /** This step's reward (0..1); `null` when the uid was not queried but its score changed (reset). */
  reward: number | null;
  /** The moving score after this step. */
  score: number;
  /** The subnet's score components for this reward (`{ verified: true, responseTime: 1.2 }`). */
  components?: Components;
}

export interface ValidatorStepEvent {
  step: number;
  at?: number;
  block?: number;
  /** How long the step took (forward + score + persist). */
  durationMs?: number;
  miners: readonly StepMinerResult[];
}

/** How weights went out: `set_weights`, a commit-reveal commit, or a timelocked (CRv3) commit. */
export type WeightsMode = 'direct' | 'commit' | 'timelocked';

export interface WeightsSetEvent {
  block: number;
  mode: WeightsMode;
  uids: readonly number[];
  /** The weights as sent, before the chain's u16 normalisation (any positive scale). */
  weights: readonly number[];
  /** The tempo index (`floor(block / (tempo + 1))`). */
  epoch?: number;
  at?: number;
}

export type RequestOutcome = 'ok' | 'blacklisted' | 'failed';

/** One request a miner's axon answered (or refused). */
export interface MinerRequestEvent {
  /** The caller's claimed hotkey (unverified when blacklisted: treat it as hostile text). */
  caller: string | undefined;
  /** The synapse name from the route (`Dummy`, `QueryZkProof`, …). */
  synapse: string;
  outcome: RequestOutcome;
  /** HTTP status sent back. */
  status?: number;
  latencyMs: number;
  at?: number;
}

/** Figures a subnet plug-in publishes (`{ 'proofs made': 12, commitment: 'set' }`); keys merge. */
export interface FiguresEvent {
  figures: Components;
  at?: number;
}
