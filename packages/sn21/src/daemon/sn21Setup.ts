import {
  ModelFetchError,
  ModelHashMismatchError,
  ModelLoadError,
  ProviderUnavailableError,
} from '@taonode/inference';
import { EXIT_CONFIG, NeuronExit } from '@taonode/neuron';
import { Sn21SettingsError } from './sn21Settings.js';

/** Start-up failures a restart cannot fix: an unusable text encoder, a missing provider, bad flags. */
const PERMANENT = [ProviderUnavailableError, ModelLoadError, ModelHashMismatchError, Sn21SettingsError];

/**
 * Runs the SN21 validator's set-up; a permanent failure ends the daemon with exit 78 and the
 * error's message and hint (pm2 leaves it stopped instead of restarting into the same wall). A hub
 * download that failed propagates as an unexpected failure, which pm2 retries.
 */
export async function sn21Setup<T>(role: string, setup: () => Promise<T>): Promise<T> {
  try {
    return await setup();
  } catch (err) {
    const missingLocal = err instanceof ModelFetchError && err.message.endsWith('file does not exist');
    if (!missingLocal && !PERMANENT.some((cls) => err instanceof cls)) throw err;
    const e = err as Error & { hint?: unknown; details?: { hint?: unknown } };
    const hint = missingLocal
      ? 'check --sn21.imagebind_dir (text.onnx and bpe_simple_vocab_16e6.txt.gz), or set --sn21.imagebind_repo'
      : (e.hint ?? e.details?.hint);
    throw new NeuronExit(
      `SN21 ${role} cannot start: ${e.message}${typeof hint === 'string' ? ` (${hint})` : ''}`,
      EXIT_CONFIG,
    );
  }
}
