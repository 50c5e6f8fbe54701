export { Tensor } from 'onnxruntime-node';
export {
  type CreateSessionOptions,
  createSession,
  listBackends,
  type ModelSession,
} from './createSession.js';
export {
  candidateDevices,
  type Device,
  deviceSchema,
  type InferenceOptions,
  inferenceOptionsSchema,
  providerHint,
  type ResolvedDevice,
} from './device.js';
export * from './errors.js';
export { type FetchModelOptions, fetchModelFile, fetchModelFiles } from './modelStore/fetchModelFile.js';
export { gitBlobSha1File, sha256File } from './modelStore/fileHash.js';
export {
  type ModelFile,
  type ModelSource,
  modelFileSchema,
  modelSourceSchema,
} from './modelStore/modelSource.js';
export { type DownloadProgress, type ProgressListener, progressBar } from './modelStore/progress.js';
export {
  type BatchInput,
  type BatchOutput,
  embedMean,
  meanRows,
  type RunBatchedOptions,
  runBatched,
} from './runBatched.js';
export { bpeMerge, byteAlphabet } from './tokenizers/byteLevelBpe.js';
export { cleanText, fixText, unescapeHtml } from './tokenizers/cleanText.js';
export {
  CLIP_MERGES,
  type ClipRowOptions,
  ClipTokenizer,
  type ClipTokenizerOptions,
  CONTEXT_LENGTH,
} from './tokenizers/clipTokenizer.js';
