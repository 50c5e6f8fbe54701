import { join } from 'node:path';
import { TaonodeError } from '@taonode/kit';
import type { Sn24Options } from './sn24Options.js';

/** A flag combination the option table alone cannot refuse (exit 2 before anything connects). */
export class Sn24SettingsError extends TaonodeError {}

/** SN24's options with the folders that default to places under the state folder filled in. */
export type Sn24Settings = Sn24Options & { workDir: string; datasetDir: string };

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

const isUrl = (s: string) => URL.canParse(s) && /^https?:/.test(s);

/**
 * The typed options plus their derived folders, after the cross-flag rules: a folder source needs
 * its folder, test videos need somewhere to go, URLs and repo names have their shape. Throws
 * `Sn24SettingsError` naming the flag.
 */
export function sn24Settings(options: Sn24Options, stateDir: string): Sn24Settings {
  if (options.source !== 'yt-dlp' && options.videoDir === undefined) {
    throw new Sn24SettingsError(
      `--sn24.source ${options.source} needs --sn24.video_dir (a folder of videos)`,
    );
  }
  if (options.testVideos > 0 && options.videoDir === undefined) {
    throw new Sn24SettingsError('--sn24.test_videos needs --sn24.video_dir (where to write them)');
  }
  if (options.pineconeHost !== undefined && !isUrl(options.pineconeHost)) {
    throw new Sn24SettingsError(`--sn24.pinecone_host must be an https URL, got '${options.pineconeHost}'`);
  }
  if (!isUrl(options.hfEndpoint)) {
    throw new Sn24SettingsError(`--sn24.hf_endpoint must be an http(s) URL, got '${options.hfEndpoint}'`);
  }
  if (options.hfRepo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(options.hfRepo)) {
    throw new Sn24SettingsError(`--sn24.hf_repo must be owner/name, got '${options.hfRepo}'`);
  }
  return {
    ...options,
    workDir: options.workDir ?? join(stateDir, 'work'),
    datasetDir: options.datasetDir ?? join(stateDir, 'dataset'),
  };
}
