export * from './constants.js';
export { acceptedVideoRecords, storeAcceptedVideos, VIDEO_DATASET_COLUMNS } from './dataset.js';
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
