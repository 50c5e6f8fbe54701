// Test helpers: tiny random-weight models with the real models' input/output contracts.

export { type FakeHub, type FakeHubFile, startFakeHub } from './fakeHub.js';
export {
  buildModel,
  type Dim,
  type ElemType,
  type GraphSpec,
  type NodeSpec,
  seededWeights,
} from './onnxGraph.js';
export {
  IMAGEBIND_EMBED_DIM,
  TINY_MODEL_VERSION,
  TINY_TEXT_LOGIT_SCALE,
  tinyAudioModel,
  tinyTextModel,
  tinyVisionModel,
} from './tinyImageBind.js';
export { defaultTinyModelDir, ensureTinyImageBind, type TinyModelPaths } from './tinyModels.js';
