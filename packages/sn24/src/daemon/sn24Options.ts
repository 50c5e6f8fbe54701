import { deviceSchema } from '@taonode/inference';
import { defineOptions, type OptionsOf, option } from '@taonode/neuron';
import { focusOptions } from '../focus/focusOptions.js';

/**
 * SN24's own flags, declared once: validated with the runtime's at start, listed in --help, typed
 * in `ctx.options`. Secrets (the Pinecone API key, the Hugging Face token) are deliberately not
 * flags: they come from the environment only (see `readSecrets`), so they never show in `ps`, pm2
 * listings or config dumps.
 */
export const sn24Options = defineOptions({
  inferenceDevice: option.choice('inference.device', deviceSchema.options, {
    default: 'auto',
    description: 'ONNX Runtime provider for ImageBind and the text models (auto: CUDA, CoreML, else CPU)',
  }),
  inferenceThreads: option.integer('inference.threads', {
    min: 1,
    description: 'CPU threads per ONNX Runtime session (default: all cores)',
  }),
  inferenceBatchSize: option.integer('inference.batch_size', {
    default: 16,
    min: 1,
    description: 'rows per ONNX Runtime run (bounds GPU memory)',
  }),
  ffmpegPath: option.string('media.ffmpeg_path', {
    description: 'ffmpeg binary (ffprobe is taken from beside it); default: ffmpeg on PATH',
  }),
  mediaRunner: option.choice('media.runner', ['fluent', 'spawn'], {
    default: 'fluent',
    description: 'how ffmpeg is driven: fluent-ffmpeg, or a plain spawn wrapper (the drop-in fallback)',
  }),
  mediaTimeoutMs: option.integer('media.timeout_ms', {
    default: 120_000,
    min: 1_000,
    description: 'kill any single ffmpeg run after this long (a corrupt video must not hang a daemon)',
  }),
  modelDir: option.path('sn24.model_dir', {
    description:
      'SN24: local model folder: imagebind/ (vision.onnx, audio.onnx, text.onnx, bpe_simple_vocab_16e6.txt.gz), gte/ and unstuffer/ (onnx/model.onnx + tokenizer files)',
  }),
  imagebindRepo: option.string('sn24.imagebind_repo', {
    description:
      'SN24: Hugging Face model repo of the ImageBind ONNX export as owner/name@<40-hex commit> (instead of <model_dir>/imagebind)',
  }),
  gteRepo: option.string('sn24.gte_repo', {
    roles: ['validator'],
    description: 'SN24 validator: gte-large ONNX repo as owner/name@<commit> (instead of <model_dir>/gte)',
  }),
  unstufferRepo: option.string('sn24.unstuffer_repo', {
    roles: ['validator'],
    description:
      'SN24 validator: unstuffer ONNX repo as owner/name@<commit> (instead of <model_dir>/unstuffer)',
  }),
  modelConfig: option.path('sn24.model_config', {
    description:
      'SN24: JSON file with the full model options (sources, file names, sha256 pins); wins over the flags above',
  }),
  testModels: option.boolean('sn24.test_models', {
    description: 'SN24, tests and demo only: use tiny random-weight models (scores are meaningless)',
  }),
  source: option.choice('sn24.source', ['folder', 'yt-dlp', 'auto'], {
    default: 'folder',
    description:
      'SN24: where videos come from (miner search/download, validator spot-check download): a local folder, YouTube through yt-dlp, or auto (yt-dlp when installed, else the folder)',
  }),
  videoDir: option.path('sn24.video_dir', {
    description:
      'SN24 folder source: a folder of video files, each with an optional <name>.json sidecar (video_id, title, description, views)',
  }),
  testVideos: option.integer('sn24.test_videos', {
    default: 0,
    min: 0,
    max: 64,
    description:
      'SN24, tests and demo only: generate this many short test videos (ffmpeg testsrc + sine) into --sn24.video_dir if it lacks them',
  }),
  ytDlpPath: option.path('sn24.yt_dlp_path', {
    description:
      'SN24 yt-dlp source: the yt-dlp binary (default: yt-dlp on PATH); a proxy comes from YT_DLP_PROXY in the environment',
  }),
  workDir: option.path('sn24.work_dir', {
    description: 'SN24: scratch folder for downloads and clips (default: <state_dir>/work)',
  }),
  numVideos: option.integer('sn24.num_videos', {
    default: 8,
    min: 1,
    max: 8,
    roles: ['validator'],
    description: 'SN24 validator: videos asked per query (the reference asks 8; scores divide by it)',
  }),
  timeoutS: option.number('sn24.timeout', {
    default: 120,
    min: 1,
    roles: ['validator'],
    description: 'SN24 validator: seconds a miner has to answer Videos (reference 90 + 30)',
  }),
  topicsFile: option.path('sn24.topics_file', {
    roles: ['validator'],
    description: 'SN24 validator: topic list, one per line (default: a built-in list)',
  }),
  unstuffer: option.choice('sn24.unstuffer', ['on', 'off'], {
    default: 'on',
    roles: ['validator'],
    description:
      'SN24 validator: the unstuffer model (stuffing check 1, spec 5.2 step 10); off treats every description as clean (random-weight test models; the chunk check stays)',
  }),
  pineconeIndex: option.string('sn24.pinecone_index', {
    roles: ['validator'],
    description:
      'SN24 validator: Pinecone index (cosine, 1024-d) for novelty; used when PINECONE_API_KEY is set in the environment, else the embedded index',
  }),
  pineconeHost: option.string('sn24.pinecone_host', {
    roles: ['validator'],
    description: 'SN24 validator: Pinecone index host URL (skips the name → host look-up)',
  }),
  noMatchNovelty: option.number('sn24.no_match_novelty', {
    default: 1,
    min: 0,
    max: 1,
    roles: ['validator'],
    description:
      'SN24 validator: novelty of a clip when the index holds nothing like it (reference 0, which rejects everything on an empty index)',
  }),
  datasetDir: option.path('sn24.dataset_dir', {
    roles: ['validator'],
    description: 'SN24 validator: dataset sink folder for accepted clips (default: <state_dir>/dataset)',
  }),
  datasetBatchSizes: option.integerList('sn24.dataset_batch_sizes', {
    default: '512,1024',
    min: 1,
    max: 100_000,
    roles: ['validator'],
    description: 'SN24 validator: rows per parquet file, one drawn per file (comma separated)',
  }),
  hfRepo: option.string('sn24.hf_repo', {
    roles: ['validator'],
    description:
      'SN24 validator: Hugging Face dataset repo to upload parquet files to (token from HF_TOKEN in the environment)',
  }),
  hfEndpoint: option.string('sn24.hf_endpoint', {
    default: 'https://huggingface.co',
    description: 'SN24: Hugging Face hub URL',
  }),
  epochLength: option.integer('neuron.epoch_length', {
    default: 100,
    min: 1,
    roles: ['validator'],
    description:
      "SN24 validator: set weights once more than this many blocks passed since the last update (the reference's epoch_length; the chain's rate limit still applies)",
  }),
  vpermitTaoLimit: option.number('neuron.vpermit_tao_limit', {
    default: 4096,
    min: 0,
    roles: ['validator'],
    description: 'SN24 validator: never query uids with a validator permit and more stake (alpha) than this',
  }),
  maxQueuedRequests: option.integer('neuron.max_queued_requests', {
    default: 4,
    min: 0,
    roles: ['miner'],
    description:
      'SN24 miner: Videos requests allowed to wait while one is processed; more get an empty answer',
  }),
  ...focusOptions,
});

export type Sn24Options = OptionsOf<typeof sn24Options>;
