// Test helpers: tiny SDXL stand-in models with the real ONNX contracts, and their manifests.

export { fewerStepsInterpolated, generateOther, randomLatents, stepCopied } from './cheats.js';
export { GraphBuilder } from './graphBuilder.js';
export {
  TINY_CONTROL,
  TINY_SDXL,
  type TinyPrecision,
  type TinyUnetOptions,
  tinyControlNet,
  tinyTextEncoder,
  tinyUnet,
  tinyVaeDecoder,
} from './tinySdxl.js';
export {
  defaultTinySdxlDir,
  ensureTinySdxl,
  TINY_SDXL_VERSION,
  type TinySdxlVariant,
  tinySdxlManifest,
} from './tinySdxlModels.js';
export { tinyClipTokenizerFiles } from './tinyVocab.js';
export { type PowerRow, powerTable, verificationPower } from './verificationPower.js';
