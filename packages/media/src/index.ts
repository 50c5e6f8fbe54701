export * from './errors.js';
export { type ClipOptions, clipMedia } from './ffmpeg/clipMedia.js';
export { createFfmpeg, type Ffmpeg, type MediaOptions, mediaOptionsSchema } from './ffmpeg/createFfmpeg.js';
export { type DecodeAudioOptions, decodeAudio } from './ffmpeg/decodeAudio.js';
export { decodeFrames } from './ffmpeg/decodeFrames.js';
export { MEDIA_RUNNERS, type MediaRunner } from './ffmpeg/ffmpegRunner.js';
export {
  type AudioStreamInfo,
  type MediaInfo,
  probeMedia,
  type VideoStreamInfo,
} from './ffmpeg/probeMedia.js';
export { AUDIO_SETTINGS, type AudioInput, loadAudioInput, melClips } from './imagebind/audioTransform.js';
export { resizeBilinear, shortSideSize } from './imagebind/bilinearResize.js';
export { clipFrameIndices, clipTimepoints } from './imagebind/clipTimepoints.js';
export { FLOAT32_EPS, kaldiFbank, melBanks } from './imagebind/kaldiFbank.js';
export {
  type ImageBindLoadDeps,
  type ImageBindModelOptions,
  imageBindModelSchema,
  loadImageBind,
  loadImageBindText,
} from './imagebind/loadImageBind.js';
export { loadVisionInput, VISION_SAMPLING, type VisionInput } from './imagebind/loadVision.js';
export {
  type ClipEmbeddings,
  type ClipTimings,
  IMAGEBIND_DIM,
  type ImageBindEmbedder,
  type ImageBindSessions,
  type ImageBindTextEmbedder,
  OnnxImageBind,
  OnnxImageBindText,
} from './imagebind/onnxImageBind.js';
export { countedTokens, splitTextByTokenLimit, TEXT_CHUNK_TOKENS } from './imagebind/textChunks.js';
export {
  CLIP_MEAN,
  CLIP_STD,
  cropOffsets,
  type RgbFrame,
  VISION_CROPS,
  VISION_SIZE,
  visionViews,
} from './imagebind/visionTransform.js';
