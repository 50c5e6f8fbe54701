import { describe, expect, it } from 'vitest';
import { FramesError } from '../errors.js';
import { toFloat16 } from './float16.js';
import { FramesBuffer, parseFrames } from './framesBuffer.js';

function safetensors(header: object, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + data.byteLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  out.set(data, 8 + json.byteLength);
  return out;
}

describe('frames safetensors', () => {
  it('frames written in place are the file, and parse back as views', () => {
    const f = new FramesBuffer(3, 2, 5);
    f.frame(1).fill(1.5);
    f.frame(2)[39] = -2;
    const parsed = parseFrames(f.bytes);
    expect(parsed).toMatchObject({ steps: 3, latentHeight: 2, latentWidth: 5, dtype: 'F32' });
    expect(parsed.data.buffer).toBe(f.bytes.buffer);
    expect(parsed.data[40]).toBe(1.5);
    expect(parsed.data[119]).toBe(-2);
    const headerLen = Number(new DataView(f.bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLen) % 8).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(f.bytes.subarray(8, 8 + headerLen))).frames.shape).toEqual([
      3, 1, 4, 2, 5,
    ]);
  });

  it('reads the reference F16 frames', () => {
    const values = Float32Array.from({ length: 16 }, (_, i) => i / 4);
    const halves = toFloat16(values);
    const file = safetensors(
      { frames: { dtype: 'F16', shape: [1, 1, 4, 2, 2], data_offsets: [0, 32] } },
      new Uint8Array(halves.buffer),
    );
    expect([...parseFrames(file).data]).toEqual([...values]);
  });

  it('rejects garbage with a FramesError naming the problem', () => {
    const bad = (b: Uint8Array) => () => parseFrames(b);
    expect(bad(new Uint8Array(3))).toThrow(FramesError);
    expect(bad(safetensors({ other: {} }, new Uint8Array()))).toThrow(/no tensor named "frames"/);
    expect(
      bad(
        safetensors(
          { frames: { dtype: 'I8', shape: [1, 1, 4, 1, 1], data_offsets: [0, 4] } },
          new Uint8Array(4),
        ),
      ),
    ).toThrow(/dtype/);
    expect(
      bad(
        safetensors(
          { frames: { dtype: 'F32', shape: [1, 1, 3, 1, 1], data_offsets: [0, 12] } },
          new Uint8Array(12),
        ),
      ),
    ).toThrow(/shape/);
    expect(
      bad(
        safetensors(
          { frames: { dtype: 'F32', shape: [1, 1, 4, 1, 1], data_offsets: [0, 16] } },
          new Uint8Array(8),
        ),
      ),
    ).toThrow(/offsets/);
    const nan = new Float32Array([0, Number.NaN, 0, 0]);
    expect(
      bad(
        safetensors(
          { frames: { dtype: 'F32', shape: [1, 1, 4, 1, 1], data_offsets: [0, 16] } },
          new Uint8Array(nan.buffer),
        ),
      ),
    ).toThrow(/non-finite/);
  });
});
