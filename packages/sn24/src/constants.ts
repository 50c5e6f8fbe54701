// SN24 constants from the reference (omega/constants.py, neurons/validator.py at the spec's HEAD).

/** `spec_version` / weights `version_key` of omega 2.0.0. */
export const SPEC_VERSION = 2000;
export const EMBEDDING_DIM = 1024;

export const NUM_VIDEOS = 8;
export const NUM_AUDIOS = 4;
export const YOUTUBE_ID_LENGTH = 11;
export const MIN_VIDEO_LENGTH = 5;
export const MAX_VIDEO_LENGTH = 120;
export const MIN_AUDIO_LENGTH_SECONDS = 45;
export const MAX_AUDIO_LENGTH_SECONDS = 80;

/** Seconds: the miner's own budget, and the validator's client timeouts. */
export const VALIDATOR_TIMEOUT = 90;
export const VALIDATOR_TIMEOUT_MARGIN = 30;
export const VIDEOS_TIMEOUT_S = VALIDATOR_TIMEOUT + VALIDATOR_TIMEOUT_MARGIN;
export const VALIDATOR_TIMEOUT_AUDIO = 60;
export const AUDIOS_TIMEOUT_S = 90;
export const VIDEO_DOWNLOAD_TIMEOUT = 10;

export const MIN_SCORE = 0.005;
export const FAKE_VIDEO_PUNISHMENT = -5.0;
export const STUFFED_DESCRIPTION_PUNISHMENT = -5.0;

export const CHECK_PROBABILITY = 0.1;
export const SIMILARITY_THRESHOLD = 0.95;
export const DIFFERENCE_THRESHOLD = 0.1;

export const VIDEO_RELEVANCE_WEIGHT = 0.65;
export const DESCRIPTION_LENGTH_WEIGHT = 0.35;
export const MIN_LENGTH_BOOST_TOKEN_COUNT = 100;
export const MAX_LENGTH_BOOST_TOKEN_COUNT = 300;
export const DESCRIPTION_RELEVANCE_SCALING_FACTOR = 0.7;
export const QUERY_RELEVANCE_SCALING_FACTOR = 1.3;
/** `tq = min(0.5, cos_gte²)`. */
export const TEXT_QUERY_CAP = 0.5;

export const UNSTUFFER_CONFIDENCE = 0.75;
export const CHUNK_TOKENS = 60;
export const LOW_QUALITY_RATIO = 0.6;
export const REALLY_BAD_SIMILARITY = 0.12;
export const MAX_REALLY_BAD_CHUNKS = 5;
export const MAX_LOW_QUALITY_CHUNKS = 15;
export const MAX_CHUNKS = 50;

export const MOVING_AVERAGE_ALPHA = 0.3;
export const EPOCH_LENGTH = 100;
export const SAMPLE_SIZE = 10;

/** Audio task weights (`total = 0.6·inverse_DER + 0.1·length + 0.2·quality + 0.1·query`). */
export const DIARIZATION_WEIGHT = 0.6;
export const AUDIO_LENGTH_WEIGHT = 0.1;
export const AUDIO_QUALITY_WEIGHT = 0.2;
export const AUDIO_QUERY_WEIGHT = 0.1;
