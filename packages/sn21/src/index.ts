export {
  buildModelCommitment,
  commitmentRepo,
  formatModelCommitment,
  type ModelCommitment,
  nameHash,
  parseModelCommitment,
  tryParseModelCommitment,
} from './commitment/modelCommitment.js';
export * from './constants.js';
export {
  type CheckedModel,
  type CheckOptions,
  checkModelFolder,
  DEFAULT_ALLOWED_DOMAINS,
  type DecoderLayout,
} from './contract/checkModelFolder.js';
export type { OnnxSummary, OnnxValueInfo } from './contract/inspectOnnx.js';
export {
  CONTRACT_VERSION,
  type ModelConfig,
  type ModelConfigInput,
  modelConfigSchema,
  VIDEO_PLACEHOLDER,
} from './contract/modelConfig.js';
export {
  type ContractLimits,
  DEFAULT_LIMITS,
  GRAPHS,
  HOTKEY_FILE,
  isModelPath,
  MODEL_FILES,
  README_FILE,
} from './contract/modelFiles.js';
export { TextTokenizer, TextTokenizerError } from './contract/textTokenizer.js';
export { RECOMMIT_FILE } from './daemon/createSn21Miner.js';
export { SN21_STEP_BUDGET_S } from './daemon/createSn21Validator.js';
export { type Sn21Options, sn21Options } from './daemon/sn21Options.js';
export { SN21_VERSION_KEY, sn21Plugin } from './daemon/sn21Plugin.js';
export { Sn21SettingsError } from './daemon/sn21Settings.js';
export { type CaptionModel, type CaptionModelOptions, loadCaptionModel } from './decode/captionModel.js';
export {
  type Caption,
  CaptionDeadlineError,
  type CaptionOptions,
  greedyCaption,
} from './decode/greedyCaption.js';
export * from './errors.js';
export { type DatasetSource, hubDatasetSource, localDatasetSource } from './evaluation/datasetSource.js';
export {
  type CaptionEvaluation,
  type EvaluateCaptionsOptions,
  evaluateCaptions,
  type RowResult,
  referenceEmbeddings,
} from './evaluation/evaluateCaptions.js';
export {
  type BaselineSource,
  type CommitmentOutcome,
  type EvaluationRound,
  evaluateBaseline,
  evaluateCommitment,
  evaluateModelFolder,
  type ModelEvaluationOptions,
  prepareRound,
} from './evaluation/evaluateModel.js';
export { evaluationSeed, SeededRandom } from './evaluation/seededRandom.js';
export {
  type EvalRow,
  type RowSelection,
  type RowSelectionOptions,
  selectEvaluationRows,
  ulidTimeMs,
} from './evaluation/selectRows.js';
export { hashModelFolder, modelContentHash } from './hub/contentHash.js';
export {
  type FetchCommittedModelArgs,
  type FetchedModel,
  type FetchModelArgs,
  fetchCommittedModel,
  fetchModelAtRevision,
} from './hub/fetchCommittedModel.js';
export { hubReadError, hubWriteError } from './hub/hubErrors.js';
export {
  downloadRepoFile,
  type HubAccess,
  type HubFile,
  listRepoFiles,
  type RepoSnapshot,
  type RepoTarget,
  readRepoSnapshot,
  readRepoText,
} from './hub/hubRepo.js';
export { type UploadFolderArgs, uploadModelFolder } from './hub/hubUpload.js';
export { type CachedModel, ModelCache, type ModelLease } from './hub/modelCache.js';
export {
  COMMITMENT_STATES,
  type CommitmentState,
  type LastCommit,
  type MinerChain,
  type MinerCommitmentStatus,
  MinerCommitmentWatch,
  type MinerWatchSettings,
} from './miner/commitmentWatch.js';
export {
  DEFAULT_POOL_OPTIONS,
  type PoolWeightOptions,
  poolWeights,
  type ScoredUid,
} from './scoring/poolWeights.js';
export {
  type EffectiveScore,
  type EvaluatedModel,
  effectiveScores,
  emptySn21State,
  type FailureLike,
  type ModelRecord,
  modelsDue,
  type OnChainCommitment,
  parseSn21State,
  pruneDeregistered,
  REPUTATION_ALPHA,
  REPUTATION_START,
  recordFailure,
  recordScore,
  reputationsForEpoch,
  type Sn21State,
  type SyncResult,
  sn21StateSchema,
  stateWeights,
  syncCommitments,
  updateReputations,
} from './scoring/scoreState.js';
export { mapCommitError } from './submit/commitError.js';
export { resolveHfToken } from './submit/hfToken.js';
export {
  type CheckFolderOptions,
  checkModelForSubmit,
  type FolderCheck,
  type SubmitModelOptions,
  type SubmitResult,
  type SubmitStep,
  submitModel,
} from './submit/submitModel.js';
export { seedBlockOf } from './validator/roundSeed.js';
export type { Sn21Logger } from './validator/sn21Logger.js';
export {
  resolveBurnUid,
  type Sn21Entry,
  type Sn21Reward,
  type Sn21Scores,
  type Sn21StrategyOptions,
  sn21Rewards,
  sn21ScoresSchema,
  sn21ScoringStrategy,
} from './validator/sn21Scoring.js';
export {
  type EvaluationReport,
  type Sn21ChainReads,
  type Sn21ValidatorDeps,
  Sn21ValidatorEngine,
  type Sn21ValidatorSettings,
  type StepInput,
  type StepReport,
} from './validator/validatorEngine.js';
export { sn21WeightRound } from './validator/weightRound.js';
