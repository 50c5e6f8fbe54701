import { mkdir } from 'node:fs/promises';
import { createFfmpeg, type Ffmpeg } from '@taonode/media';
import type { Logger, Role } from '@taonode/neuron';
import { VIDEO_DOWNLOAD_TIMEOUT } from '../constants.js';
import { chooseVideoSource } from '../sources/chooseVideoSource.js';
import type { VideoSource } from '../sources/types.js';
import type { Sn24Secrets, Sn24Settings } from './sn24Settings.js';
import { countVideos, ensureTestVideos } from './testVideoFolder.js';

/**
 * ffmpeg (checked once, at start: a missing binary is a clear error now, not a failed clip later)
 * and the video source both roles share: the local folder (embedded default) or yt-dlp.
 */
export async function openDaemonMedia(
  s: Sn24Settings,
  role: Role,
  logger: Logger,
  secrets: Sn24Secrets,
): Promise<{ ff: Ffmpeg; source: VideoSource }> {
  const ff = await createFfmpeg({
    ...(s.ffmpegPath ? { ffmpeg_path: s.ffmpegPath } : {}),
    runner: s.mediaRunner,
    timeout_ms: s.mediaTimeoutMs,
  });
  logger.info({ ffmpeg: ff.ffmpegPath, version: ff.version, runner: s.mediaRunner }, 'ffmpeg found');
  await mkdir(s.workDir, { recursive: true });
  if (s.testVideos > 0 && s.videoDir !== undefined) {
    await ensureTestVideos(ff, s.videoDir, s.testVideos);
    logger.warn(
      { dir: s.videoDir, videos: s.testVideos },
      'SN24 uses generated TEST videos (--sn24.test_videos)',
    );
  }
  const warn = (message: string, details: Record<string, unknown>) =>
    logger.warn(details, `SN24 source: ${message}`);
  if (s.videoDir !== undefined) {
    await mkdir(s.videoDir, { recursive: true });
    const videos = await countVideos(s.videoDir);
    if (videos === 0 && s.source === 'folder') logger.warn({ dir: s.videoDir }, 'SN24 video folder is empty');
    else logger.info({ dir: s.videoDir, videos }, 'SN24 video folder');
  }
  const { ytDlpProxy } = secrets;
  const source = chooseVideoSource({
    ff,
    localDir: s.videoDir ?? s.workDir,
    prefer: s.source === 'folder' ? 'local' : s.source,
    ytDlp: {
      ...(s.ytDlpPath ? { yt_dlp_path: s.ytDlpPath } : {}),
      ...(ytDlpProxy ? { proxy: ytDlpProxy } : {}),
      // The validator's spot check has the reference's 10 s; a miner may take longer per video.
      ...(role === 'validator' ? { download_timeout_ms: VIDEO_DOWNLOAD_TIMEOUT * 1000 } : {}),
    },
    onWarning: warn,
  });
  logger.info({ source: source.kind }, 'SN24 video source');
  return { ff, source };
}
