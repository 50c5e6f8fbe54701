import { resolve } from 'node:path';

/**
 * Demuxers taonode opens. Videos come from untrusted miners, and ffmpeg picks the demuxer from the
 * content, not the name: an "mp4" that is really an HLS or concat playlist would make it read other
 * local files (or URLs) into the frames. Whitelisting real container formats and the file protocol
 * closes that hole. (ffmpeg matches any name of a demuxer: `mov` admits mov/mp4/m4a/3gp.)
 */
export const INPUT_FORMATS = 'mov,matroska,avi,flv,mpegts,ogg,wav,mp3,aac,flac,m4v,h264,hevc,mpeg';

/** `-i` arguments for a local media file, with the protocol and format whitelists. */
export function inputArgs(file: string): string[] {
  // The `file:` prefix keeps names like "concat:…" or "-x" from being read as protocols or options.
  return ['-protocol_whitelist', 'file', '-format_whitelist', INPUT_FORMATS, '-i', `file:${resolve(file)}`];
}
