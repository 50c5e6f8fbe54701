/** The seed's video-captioning competition (the reference's `o1`): the only one taonode runs. */
export const VIDEO_CAPTION_COMPETITION = 'o1';
/** What a missing sixth commitment field means (the reference's ORIGINAL_COMPETITION_ID). */
export const DEFAULT_COMPETITION = 'o1';
/** The reference's design limit for a commitment (MAX_METADATA_BYTES); it fits one Raw field. */
export const MAX_COMMITMENT_BYTES = 128;
/** ImageBind's embedding width: the projector's input. */
export const IMAGEBIND_DIM = 1024;
/** The reference's generation limit. */
export const DEFAULT_MAX_NEW_TOKENS = 300;
/** Rows per evaluation (spec §5.2 o1). */
export const EVAL_ROWS = 64;
/** Most dataset files one evaluation reads (MAX_DS_FILES). */
export const MAX_DATASET_FILES = 8;
/** The reference's repo size limit (MAX_HUGGING_FACE_BYTES). */
export const MAX_REPO_BYTES = 18 * 1024 ** 3;
/** Chain block time the reference assumes when it estimates times from block numbers. */
export const BLOCK_TIME_MS = 12_000;
