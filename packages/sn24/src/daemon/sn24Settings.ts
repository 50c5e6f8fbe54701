import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { deviceSchema } from '@taonode/inference';
import type { NeuronConfig } from '@taonode/neuron';
import { z } from 'zod';

/** A flag combination the option table alone cannot refuse (exit 2 before anything connects). */
export class Sn24SettingsError extends Error {
  override readonly name = 'Sn24SettingsError';
}

const batchSizes = z
  .string()
  .transform((s) => s.split(',').map((p) => Number(p.trim())))
  .pipe(z.array(z.number().int().min(1).max(100_000)).min(1));

const settingsSchema = z.object({
  inference: z.object({
    device: deviceSchema,
    threads: z.number().int().positive().optional(),
    batchSize: z.number().int().positive(),
  }),
  media: z.object({
    ffmpegPath: z.string().min(1).optional(),
    runner: z.enum(['fluent', 'spawn']),
    timeoutMs: z.number().int().positive(),
  }),
  modelDir: z.string().min(1).optional(),
  repos: z.object({
    imagebind: z.string().min(1).optional(),
    gte: z.string().min(1).optional(),
    unstuffer: z.string().min(1).optional(),
  }),
  modelConfig: z.string().min(1).optional(),
  testModels: z.boolean(),
  source: z.enum(['folder', 'yt-dlp', 'auto']),
  videoDir: z.string().min(1).optional(),
  testVideos: z.number().int().min(0),
  ytDlpPath: z.string().min(1).optional(),
  workDir: z.string().min(1),
  numVideos: z.number().int().min(1).max(8),
  timeoutS: z.number().positive(),
  topicsFile: z.string().min(1).optional(),
  pinecone: z.object({ index: z.string().min(1).optional(), host: z.url().optional() }),
  noMatchNovelty: z.number().min(0).max(1),
  unstuffer: z.enum(['on', 'off']),
  datasetDir: z.string().min(1),
  datasetBatchSizes: batchSizes,
  hfRepo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, { error: 'expected owner/name' })
    .optional(),
  hfEndpoint: z.url(),
  vpermitTaoLimit: z.number().min(0),
  disableBlacklist: z.boolean(),
  maxQueuedRequests: z.number().int().min(0),
});

export type Sn24Settings = z.output<typeof settingsSchema>;

/** Secrets, read from the environment only and never logged. */
export interface Sn24Secrets {
  pineconeApiKey?: string;
  hfToken?: string;
  /** yt-dlp `--proxy`, which may carry credentials. */
  ytDlpProxy?: string;
}

export function readSecrets(env: Readonly<Record<string, string | undefined>>): Sn24Secrets {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v);
  const pineconeApiKey = pick('PINECONE_API_KEY', 'TAONODE_PINECONE_API_KEY');
  const hfToken = pick('HF_TOKEN', 'TAONODE_HF_TOKEN');
  const ytDlpProxy = pick('YT_DLP_PROXY', 'TAONODE_YT_DLP_PROXY');
  return {
    ...(pineconeApiKey ? { pineconeApiKey } : {}),
    ...(hfToken ? { hfToken } : {}),
    ...(ytDlpProxy ? { ytDlpProxy } : {}),
  };
}

/**
 * The SN24 slice of a validated config, typed, with the cross-flag rules: a folder source needs
 * its folder, real models need a model folder. Throws `Sn24SettingsError` naming the flag.
 */
export function sn24Settings(config: Pick<NeuronConfig, 'values' | 'neuron'>): Sn24Settings {
  const v = config.values;
  const str = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const path = (k: string) => {
    const p = str(k);
    if (p === undefined) return undefined;
    return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : resolve(p);
  };
  const raw = {
    inference: {
      device: v['inference.device'],
      threads: v['inference.threads'],
      batchSize: v['inference.batch_size'],
    },
    media: {
      ffmpegPath: str('media.ffmpeg_path'),
      runner: v['media.runner'],
      timeoutMs: v['media.timeout_ms'],
    },
    modelDir: path('sn24.model_dir'),
    repos: {
      imagebind: str('sn24.imagebind_repo'),
      gte: str('sn24.gte_repo'),
      unstuffer: str('sn24.unstuffer_repo'),
    },
    modelConfig: path('sn24.model_config'),
    testModels: v['sn24.test_models'],
    source: v['sn24.source'],
    videoDir: path('sn24.video_dir'),
    testVideos: v['sn24.test_videos'],
    ytDlpPath: path('sn24.yt_dlp_path'),
    workDir: path('sn24.work_dir') ?? join(config.neuron.stateDir, 'work'),
    numVideos: v['sn24.num_videos'],
    timeoutS: v['sn24.timeout'],
    topicsFile: path('sn24.topics_file'),
    pinecone: { index: str('sn24.pinecone_index'), host: str('sn24.pinecone_host') },
    noMatchNovelty: v['sn24.no_match_novelty'],
    unstuffer: v['sn24.unstuffer'],
    datasetDir: path('sn24.dataset_dir') ?? join(config.neuron.stateDir, 'dataset'),
    datasetBatchSizes: v['sn24.dataset_batch_sizes'],
    hfRepo: str('sn24.hf_repo'),
    hfEndpoint: v['sn24.hf_endpoint'],
    vpermitTaoLimit: v['neuron.vpermit_tao_limit'],
    disableBlacklist: v['neuron.disable_blacklist'],
    maxQueuedRequests: v['neuron.max_queued_requests'],
  };
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Sn24SettingsError(`SN24 option ${issue.path.join('.')}: ${issue.message}`);
  }
  const s = parsed.data;
  if (s.source !== 'yt-dlp' && s.videoDir === undefined) {
    throw new Sn24SettingsError(`--sn24.source ${s.source} needs --sn24.video_dir (a folder of videos)`);
  }
  if (s.testVideos > 0 && s.videoDir === undefined) {
    throw new Sn24SettingsError('--sn24.test_videos needs --sn24.video_dir (where to write them)');
  }
  return s;
}
