export * from './errors.js';
export { fromFloat16, fromHalfBits, toFloat16, toHalfBits } from './frames/float16.js';
export { FramesBuffer, type ParsedFrames, parseFrames } from './frames/framesBuffer.js';
export { fillGaussian, gaussian, NOISE_LAYOUT_VERSION } from './rng/gaussian.js';
export {
  defaultNoiseThreads,
  GaussianWorkers,
  inlineNoise,
  type NoiseDrawer,
  sharedFloat32Array,
} from './rng/gaussianWorkers.js';
export { philox4x32 } from './rng/philox.js';
export {
  impliedX0,
  type SolverStepBuffers,
  type StepCoefficients,
  solverStep,
  stepCoefficients,
} from './scheduler/dpmSolverSde.js';
export {
  karrasSchedule,
  type Schedule,
  type SchedulerConfig,
  schedulerConfigSchema,
  trainingSigmas,
} from './scheduler/karrasSchedule.js';
export { cosineOrthogonalTo, cosineSimilarity } from './sdxl/cosine.js';
export {
  type ControlImage,
  type DiffusionInputs,
  type DiffusionInputsInput,
  diffusionInputsSchema,
  parseDiffusionInputs,
} from './sdxl/diffusionInputs.js';
export { fetchSdxlFiles } from './sdxl/loadSdxlFiles.js';
export {
  manifestFiles,
  parseSdxlManifest,
  type SdxlManifest,
  type SdxlManifestInput,
  sdxlManifestSchema,
} from './sdxl/manifest.js';
export { REPLAY_PASS_MARK, type ReplayResult, replaySteps, type StepScore } from './sdxl/replay.js';
export {
  type GenerateOptions,
  type Generation,
  type GenerationTimings,
  type LoadSdxlOptions,
  type PromptEmbeddings,
  SdxlPipeline,
} from './sdxl/sdxlPipeline.js';
