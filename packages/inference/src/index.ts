export { createSession, type CreateSessionOptions, listBackends, type ModelSession } from './createSession.js';
export { candidateDevices, type Device, deviceSchema, providerHint, type ResolvedDevice } from './device.js';
export * from './errors.js';
export { type FetchModelOptions, fetchModelFile, fetchModelFiles } from './modelStore/fetchModelFile.js';
export { gitBlobSha1File, sha256File } from './modelStore/fileHash.js';
export { type ModelFile, modelFileSchema, type ModelSource, modelSourceSchema } from './modelStore/modelSource.js';
export { type DownloadProgress, type ProgressListener, progressBar } from './modelStore/progress.js';
export { type BatchInput, type BatchOutput, meanRows, type RunBatchedOptions, runBatched } from './runBatched.js';
export { Tensor } from 'onnxruntime-node';
