export * from './errors.js';
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
