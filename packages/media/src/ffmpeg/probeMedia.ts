import { z } from 'zod';
import { FfmpegFailedError } from '../errors.js';
import type { Ffmpeg } from './createFfmpeg.js';
import { inputArgs } from './safeInput.js';

export interface VideoStreamInfo {
  width: number;
  height: number;
  /** Average frame rate (what decord reports as avg fps). */
  fps: number;
  /** Frames in the stream, counted from packets (exact, no decoding). */
  frameCount: number;
}

export interface AudioStreamInfo {
  sampleRate: number;
  channels: number;
}

export interface MediaInfo {
  /** Container duration in seconds. */
  durationS: number;
  video: VideoStreamInfo | undefined;
  audio: AudioStreamInfo | undefined;
}

const num = z.union([z.number(), z.string()]).transform((v) => Number(v));
const probeSchema = z.object({
  format: z.object({ duration: num.optional() }).optional(),
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        nb_read_packets: num.optional(),
        sample_rate: num.optional(),
        channels: z.number().optional(),
      }),
    )
    .default([]),
});

function rate(text: string | undefined): number {
  const [n, d] = (text ?? '0/0').split('/').map(Number);
  return n !== undefined && d !== undefined && d > 0 ? n / d : Number.NaN;
}

/** Stream facts needed for frame sampling (one ffprobe run; counts video packets exactly). */
export async function probeMedia(ff: Ffmpeg, file: string): Promise<MediaInfo> {
  const what = `probing ${file}`;
  const raw = await ff.probe(what, [
    '-count_packets',
    '-show_entries',
    'format=duration:stream=codec_type,width,height,avg_frame_rate,r_frame_rate,nb_read_packets,sample_rate,channels',
    '-of',
    'json',
    ...inputArgs(file),
  ]);
  let parsed: z.infer<typeof probeSchema>;
  try {
    parsed = probeSchema.parse(JSON.parse(raw.toString('utf8')));
  } catch (err) {
    throw new FfmpegFailedError(what, 0, String(err), 'ffprobe output was not understood');
  }
  const v = parsed.streams.find((s) => s.codec_type === 'video');
  const a = parsed.streams.find((s) => s.codec_type === 'audio');
  let fps = rate(v?.avg_frame_rate);
  if (!Number.isFinite(fps) || fps <= 0) fps = rate(v?.r_frame_rate);
  const video =
    v?.width && v.height && Number.isFinite(fps) && fps > 0
      ? { width: v.width, height: v.height, fps, frameCount: v.nb_read_packets ?? 0 }
      : undefined;
  const audio =
    a?.sample_rate && a.channels ? { sampleRate: a.sample_rate, channels: a.channels } : undefined;
  return { durationS: parsed.format?.duration ?? Number.NaN, video, audio };
}
