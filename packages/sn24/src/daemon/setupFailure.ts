import {
  ModelFetchError,
  ModelHashMismatchError,
  ModelLoadError,
  ProviderUnavailableError,
} from '@taonode/inference';
import { FfmpegNotFoundError } from '@taonode/media';
import { EXIT_CONFIG, NeuronExit } from '@taonode/neuron';
import { Sn24ModelError } from '../models/errors.js';
import { YtDlpError } from '../sources/ytDlpSource.js';
import { Sn24SettingsError } from './sn24Settings.js';
import { TopicsFileError } from './topics.js';

/** Start-up failures a restart cannot fix: missing ffmpeg or yt-dlp, unusable models, bad files. */
const PERMANENT = [
  FfmpegNotFoundError,
  ProviderUnavailableError,
  ModelLoadError,
  ModelHashMismatchError,
  Sn24ModelError,
  YtDlpError,
  Sn24SettingsError,
  TopicsFileError,
];

/**
 * Runs a daemon's SN24 set-up; a permanent failure ends it with exit 78 and the error's message and
 * hint (pm2 leaves it stopped instead of restarting into the same wall). Anything else (a hub
 * download that failed, say) propagates as an unexpected failure, which pm2 retries.
 */
export async function sn24Setup<T>(role: string, setup: () => Promise<T>): Promise<T> {
  try {
    return await setup();
  } catch (err) {
    // A local model file that is not there will not appear by restarting; a hub failure might.
    const missingLocal = err instanceof ModelFetchError && err.message.endsWith('file does not exist');
    if (!missingLocal && !PERMANENT.some((cls) => err instanceof cls)) throw err;
    const e = err as Error & { hint?: unknown; details?: { hint?: unknown } };
    const hint = missingLocal
      ? 'check --sn24.model_dir / --sn24.model_config, or set --sn24.<model>_repo to download it'
      : (e.hint ?? e.details?.hint);
    throw new NeuronExit(
      `SN24 ${role} cannot start: ${e.message}${typeof hint === 'string' ? ` (${hint})` : ''}`,
      EXIT_CONFIG,
    );
  }
}
