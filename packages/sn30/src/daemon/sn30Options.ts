import { deviceSchema } from '@taonode/inference';
import { defineOptions, type OptionsOf, option } from '@taonode/neuron';

/**
 * SN30's own flags, declared once: validated with the runtime's at start, listed in --help, typed
 * in `ctx.options`. API keys of the user gateway come from a file (`--sn30.gateway_api_keys`), never
 * from a flag, so they do not show in `ps` or pm2 listings.
 */
export const sn30Options = defineOptions({
  model: option.string('sn30.model', {
    default: 'sdxl-base-1.0',
    description:
      'SN30: the model, sdxl-base-1.0 (fetched once from Hugging Face), tiny or tiny-controlnet (tests and demo), or a manifest JSON file; miner and validator must run the same',
  }),
  inferenceDevice: option.choice('inference.device', deviceSchema.options, {
    default: 'auto',
    description: 'ONNX Runtime provider for the in-process model (auto: CUDA, CoreML, else CPU)',
  }),
  inferenceThreads: option.integer('inference.threads', {
    min: 1,
    description: 'CPU threads per ONNX Runtime session (default: all cores)',
  }),
  generators: option.string('sn30.generators', {
    roles: ['miner'],
    description:
      'SN30 miner: comma-separated `taonode sn30 generator` URLs (http://host:port); least-queue dispatch, a dead one taken out and retried. Default: generate in process on --inference.device',
  }),
  concurrency: option.integer('sn30.concurrency', {
    default: 1,
    min: 1,
    max: 64,
    roles: ['miner'],
    description: 'SN30 miner: in-process generations at once on the device (more wait in the queue)',
  }),
  queue: option.integer('sn30.queue', {
    default: 64,
    min: 0,
    roles: ['miner'],
    description: 'SN30 miner: in-process requests that may wait for the device; more are answered 503',
  }),
  storeMb: option.integer('sn30.store_mb', {
    default: 4096,
    min: 1,
    roles: ['miner'],
    description:
      'SN30 miner: memory for results waiting for their Download (15-minute TTL); a full store answers Generate 503',
  }),
  testCheater: option.integer('sn30.test_cheater', {
    default: 0,
    min: 0,
    roles: ['miner'],
    description:
      'SN30 miner, tests and demo only: non-zero answers every Generate with random latents instead of running the model (the validator must catch it)',
  }),
  width: option.integer('sn30.width', {
    default: 1024,
    min: 8,
    max: 1536,
    roles: ['validator'],
    description: "SN30 validator: stress-test image width (spec 1024; the tiny models' demo uses 64)",
  }),
  height: option.integer('sn30.height', {
    default: 1024,
    min: 8,
    max: 1536,
    roles: ['validator'],
    description: 'SN30 validator: stress-test image height',
  }),
  steps: option.integer('sn30.steps', {
    default: 30,
    min: 1,
    max: 100,
    roles: ['validator'],
    description: 'SN30 validator: denoising steps per stress-test request',
  }),
  startConcurrency: option.integer('sn30.start_concurrency', {
    default: 4,
    min: 1,
    roles: ['validator'],
    description: 'SN30 validator: concurrent Generate calls of the first stress round (doubled each round)',
  }),
  maxConcurrency: option.integer('sn30.max_concurrency', {
    default: 256,
    min: 1,
    roles: ['validator'],
    description: 'SN30 validator: most concurrent Generate calls of one stress round',
  }),
  maxRequests: option.integer('sn30.max_requests', {
    default: 1024,
    min: 1,
    roles: ['validator'],
    description: 'SN30 validator: most Generate calls of one stress test, all rounds together',
  }),
  requestTimeout: option.number('sn30.request_timeout', {
    default: 60,
    min: 1,
    roles: ['validator'],
    description: 'SN30 validator: seconds a miner has for one Generate (and one Download)',
  }),
  metricsMaxAgeH: option.number('sn30.metrics_max_age_h', {
    default: 24,
    min: 0.001,
    roles: ['validator'],
    description:
      'SN30 validator: hours a stress test counts; a miner not tested again since (stopped serving) earns nothing',
  }),
  infoRefreshBlocks: option.integer('sn30.info_refresh_blocks', {
    default: 25,
    min: 1,
    roles: ['validator'],
    description: "SN30 validator: blocks between asking every miner's Info (role, spec, model)",
  }),
  gatewayPort: option.integer('sn30.gateway_port', {
    default: 0,
    min: 0,
    max: 65535,
    roles: ['validator'],
    description: 'SN30 validator: port of the user-request gateway (POST /v1/generate); 0 = off',
  }),
  gatewayHost: option.string('sn30.gateway_host', {
    default: '127.0.0.1',
    roles: ['validator'],
    description: 'SN30 validator: listen address of the user-request gateway',
  }),
  gatewayApiKeys: option.path('sn30.gateway_api_keys', {
    roles: ['validator'],
    description: 'SN30 validator: file of gateway API keys, one `name key` per line (keys ≥ 24 characters)',
  }),
  gatewayHotkeys: option.string('sn30.gateway_hotkeys', {
    roles: ['validator'],
    description: 'SN30 validator: comma-separated ss58 hotkeys allowed to send signed gateway requests',
  }),
  validationChance: option.number('sn30.validation_chance', {
    default: 0.35,
    min: 0,
    max: 1,
    roles: ['validator'],
    description: "SN30 validator: chance that a user request's result is replayed before it is returned",
  }),
});

export type Sn30Options = OptionsOf<typeof sn30Options>;
