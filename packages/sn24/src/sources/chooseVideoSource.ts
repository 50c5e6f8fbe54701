import type { Ffmpeg } from '@taonode/media';
import { localFolderSource } from './localFolderSource.js';
import type { VideoSource } from './types.js';
import { findYtDlp, YtDlpError, type YtDlpOptions, ytDlpSource } from './ytDlpSource.js';

export interface ChooseVideoSourceOptions {
  ff: Ffmpeg;
  /** Folder for the local source (the embedded default). */
  localDir: string;
  /** `auto` (default): yt-dlp when it is configured or on PATH, else the local folder. */
  prefer?: 'auto' | 'yt-dlp' | 'local';
  ytDlp?: YtDlpOptions;
  env?: NodeJS.ProcessEnv;
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

/** Picks the miner's/validator's video source; an explicit `yt-dlp` that is missing is an error. */
export function chooseVideoSource(o: ChooseVideoSourceOptions): VideoSource {
  const local = () => localFolderSource({ dir: o.localDir, ff: o.ff, onWarning: o.onWarning });
  const prefer = o.prefer ?? 'auto';
  if (prefer === 'local') return local();
  const path = findYtDlp(o.ytDlp?.yt_dlp_path, o.env);
  if (path !== undefined) return ytDlpSource({ ...o.ytDlp, path });
  if (prefer === 'yt-dlp') {
    throw new YtDlpError('yt-dlp is not on PATH', { hint: 'install yt-dlp or pass --sn24.yt_dlp_path' });
  }
  return local();
}
