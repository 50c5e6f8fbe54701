import { CodedError } from '@taonode/kit';

/**
 * Every failure the media package reports on purpose: a short message, a stable `code`, and a
 * `hint` with what the operator can do. A bad or unreachable video is an error value for the
 * caller to score, never a crash.
 */
export class MediaError extends CodedError {}

/** ffmpeg/ffprobe is missing or does not run; raised at start-up by `createFfmpeg`. */
export class FfmpegNotFoundError extends MediaError {
  constructor(tool: string, path: string, reason: string, options?: { cause?: unknown }) {
    super(
      'FFMPEG_NOT_FOUND',
      `${tool} not usable at "${path}": ${reason}`,
      'install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg, macOS: brew install ffmpeg) or pass --media.ffmpeg_path /path/to/ffmpeg (ffprobe is looked for beside it)',
      options,
    );
  }
}

/** ffmpeg ran but failed (unreadable or corrupt input, no such stream, timeout). */
export class FfmpegFailedError extends MediaError {
  readonly exitCode: number | null;
  /** Last lines of ffmpeg's stderr, which say what it could not do. */
  readonly stderrTail: string;

  constructor(what: string, exitCode: number | null, stderrTail: string, reason?: string) {
    // ffmpeg often ends with advice ("To ignore this…"); the cause is a line or two above.
    const last = stderrTail.trim().split('\n').slice(-2).join(' | ');
    super(
      'FFMPEG_FAILED',
      `${what} failed: ${reason ?? (exitCode === null ? 'killed' : `exit code ${exitCode}`)}${last ? ` (${last.slice(0, 300)})` : ''}`,
      'check that the file is a complete, readable video with the expected streams',
    );
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
  }
}

/** Arguments that cannot describe a valid request (negative times, end before start, no streams). */
export class MediaInputError extends MediaError {
  constructor(reason: string) {
    super('MEDIA_INPUT', reason, 'fix the request; see docs/media.md for the accepted ranges');
  }
}

/** An ImageBind graph returned something other than the 1,024 finite numbers of its contract. */
export class ImageBindOutputError extends MediaError {
  constructor(reason: string) {
    super(
      'IMAGEBIND_OUTPUT',
      reason,
      'the ImageBind ONNX files do not follow the contract in docs/inference.md; re-export or re-download them',
    );
  }
}
