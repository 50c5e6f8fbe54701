import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TaonodeError } from '@taonode/kit';

/** A protobuf wire-format problem: the bytes are not a well-formed message. */
export class ProtoFormatError extends TaonodeError {}

const WINDOW = 256 * 1024;

/**
 * Random-access reader over a file for walking protobuf messages without loading them: large
 * fields (tensor bytes of a multi-gigabyte graph) are skipped by offset, never read. Reads are
 * synchronous and windowed, so walking the graph of a big model touches only its small parts.
 */
export class FileBytes {
  private readonly fd: number;
  readonly size: number;
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  close(): void {
    closeSync(this.fd);
  }

  private load(offset: number): void {
    const length = Math.min(WINDOW, this.size - offset);
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    this.window = buf.subarray(0, done);
    this.windowStart = offset;
  }

  byte(offset: number): number {
    if (offset >= this.size) throw new ProtoFormatError('the message ends early');
    if (offset < this.windowStart || offset >= this.windowStart + this.window.length) this.load(offset);
    return this.window[offset - this.windowStart]!;
  }

  bytes(offset: number, length: number): Buffer {
    if (offset + length > this.size) throw new ProtoFormatError('a field runs past the end');
    if (length > WINDOW) {
      const buf = Buffer.alloc(length);
      readSync(this.fd, buf, 0, length, offset);
      return buf;
    }
    if (offset < this.windowStart || offset + length > this.windowStart + this.window.length)
      this.load(offset);
    const start = offset - this.windowStart;
    return this.window.subarray(start, start + length);
  }
}

export interface ProtoField {
  field: number;
  wire: number;
  /** Varint value (wire 0) as a number (int64 beyond 2^53 loses precision; negative kept). */
  value: number;
  /** Start and end of a length-delimited payload (wire 2). */
  start: number;
  end: number;
}

function readVarint(src: FileBytes, at: number): [number, number] {
  let result = 0n;
  let shift = 0n;
  let pos = at;
  for (let i = 0; i < 10; i++) {
    const b = src.byte(pos++);
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [Number(BigInt.asIntN(64, result)), pos];
    shift += 7n;
  }
  throw new ProtoFormatError('a varint is longer than 10 bytes');
}

/** Iterates the fields of the message in [start, end). */
export function* fields(src: FileBytes, start: number, end: number): Generator<ProtoField> {
  let at = start;
  while (at < end) {
    const [key, afterKey] = readVarint(src, at);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field <= 0) throw new ProtoFormatError(`field number ${field} at offset ${at}`);
    at = afterKey;
    switch (wire) {
      case 0: {
        const [value, next] = readVarint(src, at);
        yield { field, wire, value, start: at, end: next };
        at = next;
        break;
      }
      case 1:
        yield { field, wire, value: 0, start: at, end: at + 8 };
        at += 8;
        break;
      case 2: {
        const [length, next] = readVarint(src, at);
        if (length < 0 || next + length > end) {
          throw new ProtoFormatError(`a field of ${length} bytes at offset ${at} runs past its message`);
        }
        yield { field, wire, value: length, start: next, end: next + length };
        at = next + length;
        break;
      }
      case 5:
        yield { field, wire, value: 0, start: at, end: at + 4 };
        at += 4;
        break;
      default:
        throw new ProtoFormatError(`unsupported wire type ${wire} at offset ${at}`);
    }
    if (at > end) throw new ProtoFormatError('a field runs past its message');
  }
}

export function fieldString(src: FileBytes, f: ProtoField): string {
  if (f.wire !== 2) throw new ProtoFormatError(`field ${f.field} should be a string`);
  return src.bytes(f.start, f.end - f.start).toString('utf8');
}
