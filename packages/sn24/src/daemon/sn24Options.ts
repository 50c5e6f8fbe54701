import { deviceSchema } from '@taonode/inference';
import type { OptionSpec } from '@taonode/neuron';
import { FOCUS_OPTIONS } from '../focus/focusOptions.js';

/**
 * SN24's own flags, validated with the runtime's at start and listed in --help. Secrets (the
 * Pinecone API key, the Hugging Face token) are deliberately not flags: they come from the
 * environment only (see `readSecrets`), so they never show in `ps`, pm2 listings or config dumps.
 */
export const SN24_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'inference.device',
    kind: 'enum',
    choices: deviceSchema.options,
    default: 'auto',
    description: 'ONNX Runtime provider for ImageBind and the text models (auto: CUDA, CoreML, else CPU)',
  },
  {
    key: 'inference.threads',
    kind: 'integer',
    min: 1,
    description: 'CPU threads per ONNX Runtime session (default: all cores)',
  },
  {
    key: 'inference.batch_size',
    kind: 'integer',
    default: 16,
    min: 1,
    description: 'rows per ONNX Runtime run (bounds GPU memory)',
  },
  {
    key: 'media.ffmpeg_path',
    kind: 'string',
    description: 'ffmpeg binary (ffprobe is taken from beside it); default: ffmpeg on PATH',
  },
  {
    key: 'media.runner',
    kind: 'enum',
    choices: ['fluent', 'spawn'],
    default: 'fluent',
    description: 'how ffmpeg is driven: fluent-ffmpeg, or a plain spawn wrapper (the drop-in fallback)',
  },
  {
    key: 'media.timeout_ms',
    kind: 'integer',
    default: 120_000,
    min: 1_000,
    description: 'kill any single ffmpeg run after this long (a corrupt video must not hang a daemon)',
  },
  {
    key: 'sn24.model_dir',
    kind: 'string',
    description:
      'SN24: local model folder: imagebind/ (vision.onnx, audio.onnx, text.onnx, bpe_simple_vocab_16e6.txt.gz), gte/ and unstuffer/ (onnx/model.onnx + tokenizer files)',
  },
  {
    key: 'sn24.imagebind_repo',
    kind: 'string',
    description:
      'SN24: Hugging Face model repo of the ImageBind ONNX export as owner/name@<40-hex commit> (instead of <model_dir>/imagebind)',
  },
  {
    key: 'sn24.gte_repo',
    kind: 'string',
    description: 'SN24 validator: gte-large ONNX repo as owner/name@<commit> (instead of <model_dir>/gte)',
  },
  {
    key: 'sn24.unstuffer_repo',
    kind: 'string',
    description:
      'SN24 validator: unstuffer ONNX repo as owner/name@<commit> (instead of <model_dir>/unstuffer)',
  },
  {
    key: 'sn24.model_config',
    kind: 'string',
    description:
      'SN24: JSON file with the full model options (sources, file names, sha256 pins); wins over the flags above',
  },
  {
    key: 'sn24.test_models',
    kind: 'boolean',
    default: false,
    description: 'SN24, tests and demo only: use tiny random-weight models (scores are meaningless)',
  },
  {
    key: 'sn24.source',
    kind: 'enum',
    choices: ['folder', 'yt-dlp', 'auto'],
    default: 'folder',
    description:
      'SN24: where videos come from (miner search/download, validator spot-check download): a local folder, YouTube through yt-dlp, or auto (yt-dlp when installed, else the folder)',
  },
  {
    key: 'sn24.video_dir',
    kind: 'string',
    description:
      'SN24 folder source: a folder of video files, each with an optional <name>.json sidecar (video_id, title, description, views)',
  },
  {
    key: 'sn24.test_videos',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 64,
    description:
      'SN24, tests and demo only: generate this many short test videos (ffmpeg testsrc + sine) into --sn24.video_dir if it lacks them',
  },
  {
    key: 'sn24.yt_dlp_path',
    kind: 'string',
    description:
      'SN24 yt-dlp source: the yt-dlp binary (default: yt-dlp on PATH); a proxy comes from YT_DLP_PROXY in the environment',
  },
  {
    key: 'sn24.work_dir',
    kind: 'string',
    description: 'SN24: scratch folder for downloads and clips (default: <state_dir>/work)',
  },
  {
    key: 'sn24.num_videos',
    kind: 'integer',
    default: 8,
    min: 1,
    max: 8,
    description: 'SN24 validator: videos asked per query (the reference asks 8; scores divide by it)',
  },
  {
    key: 'sn24.timeout',
    kind: 'number',
    default: 120,
    min: 1,
    description: 'SN24 validator: seconds a miner has to answer Videos (reference 90 + 30)',
  },
  {
    key: 'sn24.topics_file',
    kind: 'string',
    description: 'SN24 validator: topic list, one per line (default: a built-in list)',
  },
  {
    key: 'sn24.unstuffer',
    kind: 'enum',
    choices: ['on', 'off'],
    default: 'on',
    description:
      'SN24 validator: the unstuffer model (stuffing check 1, spec 5.2 step 10); off treats every description as clean (random-weight test models; the chunk check stays)',
  },
  {
    key: 'sn24.pinecone_index',
    kind: 'string',
    description:
      'SN24 validator: Pinecone index (cosine, 1024-d) for novelty; used when PINECONE_API_KEY is set in the environment, else the embedded index',
  },
  {
    key: 'sn24.pinecone_host',
    kind: 'string',
    description: 'SN24 validator: Pinecone index host URL (skips the name → host look-up)',
  },
  {
    key: 'sn24.no_match_novelty',
    kind: 'number',
    default: 1,
    min: 0,
    max: 1,
    description:
      'SN24 validator: novelty of a clip when the index holds nothing like it (reference 0, which rejects everything on an empty index)',
  },
  {
    key: 'sn24.dataset_dir',
    kind: 'string',
    description: 'SN24 validator: dataset sink folder for accepted clips (default: <state_dir>/dataset)',
  },
  {
    key: 'sn24.dataset_batch_sizes',
    kind: 'string',
    default: '512,1024',
    description: 'SN24 validator: rows per parquet file, one drawn per file (comma separated)',
  },
  {
    key: 'sn24.hf_repo',
    kind: 'string',
    description:
      'SN24 validator: Hugging Face dataset repo to upload parquet files to (token from HF_TOKEN in the environment)',
  },
  {
    key: 'sn24.hf_endpoint',
    kind: 'string',
    default: 'https://huggingface.co',
    description: 'SN24 validator: Hugging Face hub URL',
  },
  {
    key: 'neuron.epoch_length',
    kind: 'integer',
    default: 100,
    min: 1,
    description:
      "SN24 validator: set weights once more than this many blocks passed since the last update (the reference's epoch_length; the chain's rate limit still applies)",
  },
  {
    key: 'neuron.vpermit_tao_limit',
    kind: 'number',
    default: 4096,
    min: 0,
    description: 'SN24 validator: never query uids with a validator permit and more stake than this',
  },
  {
    key: 'neuron.disable_blacklist',
    kind: 'boolean',
    default: false,
    description: 'SN24 miner: answer any caller (skips the registration, stake and permit checks)',
  },
  {
    key: 'neuron.max_queued_requests',
    kind: 'integer',
    default: 4,
    min: 0,
    description:
      'SN24 miner: Videos requests allowed to wait while one is processed; more get an empty answer',
  },
  ...FOCUS_OPTIONS,
];
