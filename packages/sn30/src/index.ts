// Daemons (the neuron-runtime plug-in)
export { createSn30Miner, generatorUrls } from './daemon/createSn30Miner.js';
export { createSn30Validator, type Sn30Round } from './daemon/createSn30Validator.js';
export { type Sn30Options, sn30Options } from './daemon/sn30Options.js';
export { SN30_WEIGHTS_VERSION, sn30ConfigProblem, sn30Plugin } from './daemon/sn30Plugin.js';
export { outcomeReward, type Sn30Reward, sn30Scoring, stressComponents } from './daemon/sn30Scoring.js';
export * from './errors.js';
// Gateway (user requests on the validator)
export {
  type AuthResult,
  GatewayAuth,
  type GatewayAuthOptions,
  GatewayConfigError,
  gatewaySignatureMessage,
  HEADER_HOTKEY,
  HEADER_NONCE,
  HEADER_SIGNATURE,
  readApiKeyFile,
} from './gateway/gatewayAuth.js';
export {
  GATEWAY_MAX_BODY,
  type GatewayServer,
  type GatewayServerOptions,
  startGatewayServer,
} from './gateway/gatewayServer.js';
export {
  type GatewayMiner,
  serveUserRequest,
  type UserImage,
  type UserOutcome,
  type UserRequestDeps,
  UserRequestError,
} from './gateway/userRequest.js';
export {
  GENERATOR_API_VERSION,
  type GeneratorInfo,
  generatorInfoSchema,
  HEADER_ID,
  HEADER_MS,
  HEADER_SHA256,
  MAX_REQUEST_BYTES,
} from './generator/generatorApi.js';
export { GeneratorClient, type GeneratorResult } from './generator/generatorClient.js';
export {
  type GeneratorServer,
  type GeneratorServerOptions,
  startGeneratorServer,
} from './generator/generatorServer.js';
export {
  type GeneratedFrames,
  GeneratorService,
  type GeneratorServiceOptions,
} from './generator/generatorService.js';
export {
  type GenerationInputs,
  type GenerationInputsWire,
  generationInputsSchema,
  rewriteTaoPrompt,
  type SanitizeOptions,
  SN30_DEFAULTS,
  SN30_MAX_STEPS,
  SN30_SIZE,
  sanitizeGenerationInputs,
  toDiffusionInputs,
} from './inputs/generationInputs.js';
// Miner
export {
  type FailureKind,
  type FrameGenerator,
  type FramesResult,
  failureKind,
  LocalGenerator,
  RemoteGenerator,
  sha256Hex,
} from './miner/frameGenerator.js';
export { GeneratorPool, type GeneratorPoolOptions, NoGeneratorError } from './miner/generatorPool.js';
export {
  attachMiner,
  type CallerGuards,
  type MinerHandlers,
  type MinerHandlersOptions,
  minerHandlers,
} from './miner/minerHandlers.js';
export { RandomLatentsGenerator } from './miner/randomLatentsGenerator.js';
export {
  RESULT_TTL_MS,
  type Reservation,
  ResultStore,
  type ResultStoreOptions,
} from './miner/resultStore.js';
export { canny } from './model/canny.js';
export { SDXL_BASE_MANIFEST, SDXL_BASE_REPO, SDXL_BASE_REVISION } from './model/sdxlBaseManifest.js';
export {
  BUNDLED_MODELS,
  manifestForDevice,
  modelIdentity,
  type Sn30ModelChoice,
  sn30ModelChoice,
} from './model/sn30Model.js';
export { taoControlImage } from './model/taoControlImage.js';
// Protocol
export { generateFieldsOf, maxFramesBytes, wireInputsOf } from './protocol/generateFields.js';
export {
  Delete,
  Download,
  GENERATE_TIMEOUT_S,
  Generate,
  Info,
  SN30_SPEC_VERSION,
  SUPPORTED_SPEC_VERSIONS,
} from './protocol/synapses.js';
// Validator
export {
  cryptoRandom,
  type RandomSource,
  sampleWithoutReplacement,
  weightedSampleWithoutReplacement,
} from './validator/csprng.js';
export {
  type DownloadOutcome,
  type GenerateOutcome,
  MinerClient,
  type MinerInfo,
} from './validator/minerClient.js';
export { type DirectoryEntry, MinerDirectory } from './validator/minerDirectory.js';
export {
  DEFAULT_METRICS_POLICY,
  emptyMinerMetrics,
  initialMetrics,
  isCheater,
  isStale,
  type MetricsPolicy,
  type MinerMetrics,
  minerMetricsSchema,
  rawWeight,
  recordStressOutcome,
  recordUserOutcome,
  rpmOf,
  type Sn30Metrics,
  sn30MetricsSchema,
  sn30Weights,
  syncMetrics,
  WEIGHT_FORMULA,
  weightComponents,
} from './validator/minerMetrics.js';
export {
  emptySchedule,
  type MinerSchedule,
  markTested,
  minerScheduleSchema,
  pickNextMiner,
  queueForTest,
  refreshSchedule,
} from './validator/minerSchedule.js';
export {
  type AuditVerdict,
  type OutputScorer,
  ReplayScorer,
  type ReplayScorerOptions,
} from './validator/outputScorer.js';
export { randomPrompt, STRESS_CONTROLNET_SCALE, STRESS_NEGATIVE_PROMPT } from './validator/randomPrompt.js';
export {
  DEFAULT_REQUEST_SHAPE,
  type RequestShape,
  stressInputs,
  validatorInputs,
} from './validator/stressInputs.js';
export {
  DEFAULT_STRESS_CONFIG,
  type MinerLink,
  newStressTest,
  type RoundFigures,
  runStressTest,
  type StressOutcome,
  type StressProgress,
  type StressTestConfig,
  type StressTestDeps,
  stressProgressSchema,
} from './validator/stressTest.js';
