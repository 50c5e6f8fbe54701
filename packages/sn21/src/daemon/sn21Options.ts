import { deviceSchema } from '@taonode/inference';
import { defineOptions, type OptionsOf, option } from '@taonode/neuron';
import { DEFAULT_MAX_NEW_TOKENS, VIDEO_CAPTION_COMPETITION } from '../constants.js';

/**
 * SN21's own flags, declared once. The hub write token is deliberately not a flag: it comes from
 * HF_TOKEN in the environment or from the file `--sn21.hf_token_file` names, so it never shows in
 * `ps`, pm2 listings or config dumps.
 */
export const sn21Options = defineOptions({
  inferenceDevice: option.choice('inference.device', deviceSchema.options, {
    default: 'auto',
    description: 'ONNX Runtime provider for the models (auto: CUDA, CoreML, else CPU)',
  }),
  inferenceThreads: option.integer('inference.threads', {
    min: 1,
    description: 'CPU threads per ONNX Runtime session (default: all cores)',
  }),
  hubUrl: option.string('sn21.hub_url', {
    default: 'https://huggingface.co',
    description: 'SN21: Hugging Face hub endpoint (a local stand-in in tests and the demo)',
  }),
  competition: option.string('sn21.competition', {
    default: VIDEO_CAPTION_COMPETITION,
    description: 'SN21: competition id (only the video-captioning competition o1 is implemented)',
  }),
  // Miner.
  modelDir: option.path('sn21.model_dir', {
    roles: ['miner'],
    description:
      'SN21 miner: publish this model folder to --sn21.repo (as `taonode sn21 submit` does) unless the hub already has it, then commit it',
  }),
  repo: option.string('sn21.repo', {
    roles: ['miner'],
    description: 'SN21 miner: the model repo, namespace/name',
  }),
  revision: option.string('sn21.revision', {
    roles: ['miner'],
    description:
      'SN21 miner: the 40-hex commit of --sn21.repo to keep committed (instead of --sn21.model_dir)',
  }),
  epoch: option.string('sn21.epoch', {
    default: '0',
    roles: ['miner'],
    description: 'SN21 miner: checkpoint label in the commitment',
  }),
  autoCommit: option.choice('sn21.auto_commit', ['on', 'off'], {
    default: 'on',
    roles: ['miner'],
    description:
      'SN21 miner: commit the configured model when the chain holds nothing or another pointer (off: only report, commit when asked)',
  }),
  hfTokenFile: option.path('sn21.hf_token_file', {
    roles: ['miner'],
    description: 'SN21 miner: file holding the hub write token for --sn21.model_dir (default: $HF_TOKEN)',
  }),
  checkInterval: option.integer('sn21.check_interval', {
    default: 300,
    min: 1,
    roles: ['miner'],
    description: 'SN21 miner: seconds between checks of the commitment on chain and the revision on the hub',
  }),
  commitRetry: option.integer('sn21.commit_retry', {
    default: 600,
    min: 1,
    roles: ['miner'],
    description: 'SN21 miner: seconds to wait after the chain refused a commitment (rate limit)',
  }),
  // Validator.
  datasetDir: option.path('sn21.dataset_dir', {
    roles: ['validator'],
    description:
      'SN21 validator: SN24 dataset folder (default/train/<bucket>/<ULID>.parquet, what an SN24 validator writes)',
  }),
  datasetRepo: option.string('sn21.dataset_repo', {
    roles: ['validator'],
    description:
      'SN21 validator: hub dataset repo in the SN24 layout, owner/name[@revision] (instead of a folder)',
  }),
  baselineDir: option.path('sn21.baseline_dir', {
    roles: ['validator'],
    description: 'SN21 validator: the baseline model folder (B of the two pools)',
  }),
  baselineRepo: option.string('sn21.baseline_repo', {
    roles: ['validator'],
    description: 'SN21 validator: the baseline model on the hub, owner/name@<40-hex commit>',
  }),
  imagebindDir: option.path('sn21.imagebind_dir', {
    roles: ['validator'],
    description:
      'SN21 validator: ImageBind folder with text.onnx and bpe_simple_vocab_16e6.txt.gz (the caption scorer)',
  }),
  imagebindRepo: option.string('sn21.imagebind_repo', {
    roles: ['validator'],
    description: 'SN21 validator: ImageBind ONNX export on the hub, owner/name@<40-hex commit>',
  }),
  testModels: option.boolean('sn21.test_models', {
    roles: ['validator'],
    description: 'SN21, tests and demo only: the tiny random-weight ImageBind text encoder',
  }),
  cacheDir: option.path('sn21.cache_dir', {
    roles: ['validator'],
    description: 'SN21 validator: model cache folder (default: <state_dir>/models)',
  }),
  cacheGb: option.number('sn21.cache_gb', {
    default: 64,
    min: 0.001,
    roles: ['validator'],
    description: 'SN21 validator: model cache size, GB (least recently used models evicted)',
  }),
  timeLimit: option.integer('sn21.time_limit', {
    default: 1800,
    min: 1,
    max: 3600,
    roles: ['validator'],
    description: 'SN21 validator: seconds one model may take for all its rows (then score 0)',
  }),
  maxNewTokens: option.integer('sn21.max_new_tokens', {
    default: DEFAULT_MAX_NEW_TOKENS,
    min: 1,
    max: 4096,
    roles: ['validator'],
    description: 'SN21 validator: generated tokens per caption at most',
  }),
  roundBlocks: option.integer('sn21.round_blocks', {
    default: 300,
    min: 1,
    roles: ['validator'],
    description: 'SN21 validator: the evaluation rows change every this many blocks (seeded by the first)',
  }),
  reevaluateHours: option.number('sn21.reevaluate_hours', {
    default: 24,
    min: 0,
    roles: ['validator'],
    description: 'SN21 validator: evaluate a model again on fresh rows after this many hours',
  }),
  maxRepoGb: option.number('sn21.max_repo_gb', {
    default: 18,
    min: 0.000001,
    roles: ['validator'],
    description: 'SN21 validator: largest model repo fetched, GB (the reference: 18)',
  }),
  burnUid: option.integer('sn21.burn_uid', {
    min: 0,
    roles: ['validator'],
    description:
      "SN21 validator: uid given the top pool's 75 % when no model beats the baseline (default: the subnet owner's uid)",
  }),
});

export type Sn21Options = OptionsOf<typeof sn21Options>;
