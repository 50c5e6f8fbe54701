export { type ClipTimings, OnnxImageBind } from '@taonode/media';
export * from './constants.js';
export { type Sn24Options, sn24Options } from './daemon/sn24Options.js';
export { sn24Plugin } from './daemon/sn24Plugin.js';
export { SN24_LEGACY_STATE_FILE, sn24Scoring } from './daemon/sn24Scoring.js';
export { acceptedVideoRecords, storeAcceptedVideos, VIDEO_DATASET_COLUMNS } from './dataset.js';
export {
  type AnswerVideosOptions,
  answerVideos,
  chooseClip,
  type SkippedVideo,
} from './miner/answerVideos.js';
export { ByteBpeTokenizer } from './models/byteBpeTokenizer.js';
export { Sn24ModelError } from './models/errors.js';
export { GteSimilarity } from './models/gteSimilarity.js';
export {
  type LoadedSn24Models,
  loadImageBind,
  loadSn24Models,
  type Sn24ModelDeps,
} from './models/loadSn24Models.js';
export {
  type GteModelOptions,
  gteModelSchema,
  type ImageBindModelOptions,
  imageBindModelSchema,
  type Sn24ModelOptions,
  sn24ModelOptionsSchema,
  type UnstufferModelOptions,
  unstufferModelSchema,
} from './models/modelOptions.js';
export { OnnxUnstuffer } from './models/onnxUnstuffer.js';
export type {
  ClipEmbeddings,
  ImageBindEmbedder,
  Sn24Models,
  TextSimilarity,
  Unstuffer,
} from './models/types.js';
export { WordPieceTokenizer } from './models/wordPieceTokenizer.js';
export {
  type AudioMetadata,
  AudioMetadataSchema,
  Audios,
  audiosRequest,
  EmbeddingSchema,
  type VideoMetadata,
  VideoMetadataSchema,
  Videos,
  videosRequest,
} from './protocol.js';
export {
  type AudioReward,
  type AudioRewardReason,
  type AudioScoringDeps,
  scoreAudiosResponse,
} from './scoring/audioReward.js';
export {
  type AudioQualityParts,
  audioLengthScore,
  audioQuality,
  audioQueryScore,
  audioTotalScore,
  inverseDer,
  uniqueSpeakersScore,
} from './scoring/audioScore.js';
export { type RewardUpdate, resyncScores, updateMovingAverage } from './scoring/movingAverage.js';
export { dedupeInBatch, globalNovelty, localNovelty, noveltyFilter } from './scoring/novelty.js';
export {
  aggregateScore,
  descriptionRelevance,
  lengthScaledRelevance,
  queryRelevance,
  uniqueTokenCount,
} from './scoring/relevance.js';
export {
  classifyDownloadError,
  type DownloadFailure,
  embeddingsMatch,
  type Recomputed,
  runSpotCheck,
  type SpotCheckDeps,
  SpotCheckDownloadError,
  type SpotCheckOutcome,
} from './scoring/spotCheck.js';
export { checkStructure, isAllowedClipLength, type StructureResult } from './scoring/structure.js';
export {
  type ChunkStats,
  chunkStats,
  chunksPunish,
  survivesStuffingFilter,
  type UnstufferResult,
  unstufferPunishes,
} from './scoring/stuffing.js';
export type { Vec } from './scoring/vectors.js';
export {
  type AcceptedVideo,
  scoreVideosResponse,
  type VideoReward,
  type VideoRewardReason,
  type VideoScoringDeps,
} from './scoring/videoReward.js';
export { samePcm, WavFormatError, wavPcm16Samples } from './scoring/wavSamples.js';
export {
  combineWeights,
  l1Normalize,
  type RewardShares,
  rewardShares,
  shouldSetWeights,
} from './scoring/weights.js';
export { type ChooseVideoSourceOptions, chooseVideoSource } from './sources/chooseVideoSource.js';
export {
  type LocalFolderSourceOptions,
  type LocalVideo,
  localFolderSource,
  type VideoSidecar,
  videoSidecarSchema,
} from './sources/localFolderSource.js';
export type { VideoCandidate, VideoSource } from './sources/types.js';
export { isYoutubeLikeId, stableVideoId } from './sources/videoId.js';
export {
  findYtDlp,
  parseSearchOutput,
  YtDlpError,
  type YtDlpOptions,
  ytDlpOptionsSchema,
  ytDlpSource,
} from './sources/ytDlpSource.js';
