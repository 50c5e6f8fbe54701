export { checkVersionKey, chooseWeightsPath, type WeightsMode } from './chooseWeightsPath.js';
export { type CommitHashParams, commitHash, commitPreimage, netuidIndex } from './commitHash.js';
export {
  type CommitTimelockedWeightsArgs,
  type CommitTimelockedWeightsResult,
  commitTimelockedWeights,
} from './commitTimelockedWeights.js';
export { committedPatch } from './committedPatch.js';
export { type CommitWeightsArgs, type CommitWeightsResult, commitWeights } from './commitWeights.js';
export { epochIndexAt, epochStartBlock, revealWindow } from './epoch.js';
export {
  PendingRevealStoreError,
  TimelockUnavailableError,
  WeightsInputError,
  type WeightsInputProblem,
} from './errors.js';
export { estimateWeightsFee, type WeightsFee } from './estimateWeightsFee.js';
export { getNeuronWeightState, type NeuronWeightState } from './getNeuronWeightState.js';
export { getWeightCommits, type OnChainCommit } from './getWeightCommits.js';
export { getWeightsParams, type WeightsParams } from './getWeightsParams.js';
export type { IncludedTx } from './inclusion.js';
export { silentLogger, type WeightsLogger } from './logger.js';
export { normalizeMaxWeight } from './normalizeMaxWeight.js';
export {
  type NormalizedWeights,
  type NormalizeOptions,
  normalizeWeights,
  roundHalfEven,
  U16_MAX,
} from './normalizeWeights.js';
export { type LastSubmission, type PendingReveal, PendingRevealStore } from './pendingReveals.js';
export { type ProcessWeightsParams, processWeightsForNetuid } from './processWeightsForNetuid.js';
export { type RevealPendingArgs, type RevealPendingResult, revealPending } from './revealPending.js';
export { DRAND_QUICKNET, type RevealRoundParams, revealRound } from './revealRound.js';
export { type RevealWeightsArgs, revealWeights } from './revealWeights.js';
export { randomSalt } from './salt.js';
export { encodeSetWeightsCall } from './scale.js';
export { type SetWeightsArgs, setWeights } from './setWeights.js';
export { type SubmitWeightsArgs, type SubmitWeightsResult, submitWeights } from './submitWeights.js';
export { timelockPayload } from './timelockPayload.js';
export {
  QUICKNET_PUBLIC_KEY,
  roundIdentity,
  timelockDecrypt,
  timelockEncrypt,
  verifyRoundSignature,
} from './tle.js';
export { DEFAULT_VERSION_KEY } from './u16Vectors.js';
export { weightsDigest } from './weightsDigest.js';
