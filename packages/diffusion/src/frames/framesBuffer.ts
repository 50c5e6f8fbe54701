import { FramesError } from '../errors.js';
import { fromFloat16 } from './float16.js';

/**
 * The latents after every step, laid out as the safetensors file that goes on the wire (spec §2.1:
 * one tensor `frames`, shape [N, 1, 4, h, w]): one allocation holds the header and the data, the
 * solver writes step k straight into `frame(k)`, and `bytes` is the file — no copy at any point.
 */
export class FramesBuffer {
  readonly steps: number;
  readonly latentHeight: number;
  readonly latentWidth: number;
  /** The whole safetensors file. */
  readonly bytes: Uint8Array;
  /** All frames, [N, 1, 4, h, w] float32, a view into `bytes`. */
  readonly data: Float32Array;

  constructor(steps: number, latentHeight: number, latentWidth: number) {
    this.steps = steps;
    this.latentHeight = latentHeight;
    this.latentWidth = latentWidth;
    const count = steps * 4 * latentHeight * latentWidth;
    const header = framesHeader(steps, latentHeight, latentWidth, 'F32');
    this.bytes = new Uint8Array(8 + header.byteLength + count * 4);
    new DataView(this.bytes.buffer).setBigUint64(0, BigInt(header.byteLength), true);
    this.bytes.set(header, 8);
    this.data = new Float32Array(this.bytes.buffer, 8 + header.byteLength, count);
  }

  get frameSize(): number {
    return 4 * this.latentHeight * this.latentWidth;
  }

  /** Frame k (the latents after step k), a view. */
  frame(k: number): Float32Array {
    const n = this.frameSize;
    return this.data.subarray(k * n, (k + 1) * n);
  }
}

/** The JSON header, space-padded so the data starts 8-byte aligned (as the safetensors writers do). */
function framesHeader(steps: number, h: number, w: number, dtype: 'F32' | 'F16'): Uint8Array {
  const bytes = steps * 4 * h * w * (dtype === 'F32' ? 4 : 2);
  const json = JSON.stringify({
    frames: { dtype, shape: [steps, 1, 4, h, w], data_offsets: [0, bytes] },
  });
  const padded = json.padEnd(Math.ceil((8 + json.length) / 8) * 8 - 8, ' ');
  return new TextEncoder().encode(padded);
}

export interface ParsedFrames {
  steps: number;
  latentHeight: number;
  latentWidth: number;
  dtype: 'F32' | 'F16';
  /** [N, 1, 4, h, w] as float32 (a view when the file is F32 and aligned, else converted). */
  data: Float32Array;
}

const MAX_HEADER = 64 * 1024;

/**
 * Reads a `frames` safetensors file (from a miner or a generator: untrusted). Accepts F32 and F16
 * (the reference's fp16 frames); rejects anything else with a FramesError saying what is wrong.
 */
export function parseFrames(bytes: Uint8Array): ParsedFrames {
  if (bytes.byteLength < 8) throw new FramesError('shorter than a safetensors header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > bytes.byteLength) {
    throw new FramesError(`bad header length ${headerLen}`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen)));
  } catch {
    throw new FramesError('header is not JSON');
  }
  const entry = (header as { frames?: unknown }).frames as
    | { dtype?: unknown; shape?: unknown; data_offsets?: unknown }
    | undefined;
  if (typeof entry !== 'object' || entry === null) throw new FramesError('no tensor named "frames"');
  const { dtype, shape, data_offsets: offsets } = entry;
  if (dtype !== 'F32' && dtype !== 'F16')
    throw new FramesError(`dtype ${String(dtype)}, expected F32 or F16`);
  if (
    !Array.isArray(shape) ||
    shape.length !== 5 ||
    !shape.every((d) => Number.isInteger(d) && d > 0) ||
    shape[1] !== 1 ||
    shape[2] !== 4
  ) {
    throw new FramesError(`shape ${JSON.stringify(shape)}, expected [N, 1, 4, h, w]`);
  }
  const [steps, , , h, w] = shape as number[];
  const count = steps! * 4 * h! * w!;
  const size = dtype === 'F32' ? 4 : 2;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    offsets[0] !== 0 ||
    offsets[1] !== count * size ||
    8 + headerLen + count * size !== bytes.byteLength
  ) {
    throw new FramesError(`data offsets ${JSON.stringify(offsets)} do not fit shape and file size`);
  }
  const start = bytes.byteOffset + 8 + headerLen;
  let data: Float32Array;
  if (dtype === 'F32') {
    data =
      start % 4 === 0
        ? new Float32Array(bytes.buffer, start, count)
        : new Float32Array(bytes.slice(8 + headerLen).buffer);
  } else {
    const halves =
      start % 2 === 0
        ? new Uint16Array(bytes.buffer, start, count)
        : new Uint16Array(bytes.slice(8 + headerLen).buffer);
    data = fromFloat16(halves);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) throw new FramesError(`non-finite value at element ${i}`);
  }
  return { steps: steps!, latentHeight: h!, latentWidth: w!, dtype, data };
}
