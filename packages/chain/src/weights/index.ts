export { atomicWriteFile } from './atomicWriteFile.js';
export { type CommitHashParams, commitHash, commitPreimage, netuidIndex } from './commitHash.js';
export {
  PendingRevealStoreError,
  TimelockUnavailableError,
  WeightsInputError,
  type WeightsInputProblem,
} from './errors.js';
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
export { DRAND_QUICKNET, type RevealRoundParams, revealRound } from './revealRound.js';
export { encodeSetWeightsCall } from './scale.js';
export { timelockPayload } from './timelockPayload.js';
