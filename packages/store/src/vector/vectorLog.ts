import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { VectorLogCorruptError } from './errors.js';
import type { VectorMetadata } from './types.js';

// Append-only log: a 16-byte header (magic, dimension), then records
// [u32 payload length][u32 crc32(payload)][payload]. A crash can only tear the last record, which
// replay drops; any other damage is reported, never silently skipped.
const MAGIC = Buffer.from('TNVLOG1\0', 'latin1');
export const HEADER_BYTES = 16;
const OP_UPSERT = 1;
const OP_DELETE = 2;
// The log is little-endian; on LE hosts (x86, arm64) floats are copied as raw bytes.
const LITTLE_ENDIAN = endianness() === 'LE';

export type LogEntry =
  | { op: 'upsert'; id: string; values: Float32Array; metadata: VectorMetadata | undefined }
  | { op: 'delete'; id: string };

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export function logHeader(dimension: number): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(b, 0);
  b.writeUInt32LE(dimension, 8);
  return b;
}

export function encodeUpsert(id: string, values: ArrayLike<number>, metadata?: VectorMetadata): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const meta = metadata === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(metadata), 'utf8');
  const payload = Buffer.alloc(1 + 2 + idBytes.length + 4 + meta.length + values.length * 4);
  let o = payload.writeUInt8(OP_UPSERT, 0);
  o = payload.writeUInt16LE(idBytes.length, o);
  o += idBytes.copy(payload, o);
  o = payload.writeUInt32LE(meta.length, o);
  o += meta.copy(payload, o);
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  if (LITTLE_ENDIAN) Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).copy(payload, o);
  else for (let i = 0; i < f32.length; i++) payload.writeFloatLE(f32[i]!, o + i * 4);
  return frame(payload);
}

export function encodeDelete(id: string): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const payload = Buffer.alloc(3 + idBytes.length);
  payload.writeUInt8(OP_DELETE, 0);
  payload.writeUInt16LE(idBytes.length, 1);
  idBytes.copy(payload, 3);
  return frame(payload);
}

function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

function decode(p: Buffer, dimension: number): LogEntry | string {
  const op = p.readUInt8(0);
  const idLen = p.readUInt16LE(1);
  const id = p.toString('utf8', 3, 3 + idLen);
  if (op === OP_DELETE) return { op: 'delete', id };
  if (op !== OP_UPSERT) return `unknown record type ${op}`;
  let o = 3 + idLen;
  const metaLen = p.readUInt32LE(o);
  o += 4;
  let metadata: VectorMetadata | undefined;
  if (metaLen > 0) {
    const parsed = metadataSchema.safeParse(JSON.parse(p.toString('utf8', o, o + metaLen)));
    if (!parsed.success) return 'metadata is not a flat record';
    metadata = parsed.data;
  }
  o += metaLen;
  if (p.length - o !== dimension * 4) return `vector of ${(p.length - o) / 4} values, expected ${dimension}`;
  const values = new Float32Array(dimension);
  if (LITTLE_ENDIAN) p.copy(Buffer.from(values.buffer), 0, o, o + dimension * 4);
  else for (let i = 0; i < dimension; i++) values[i] = p.readFloatLE(o + i * 4);
  return { op: 'upsert', id, values, metadata };
}

/**
 * Replays `file` into `apply`, truncating a torn final record. Returns the number of records
 * (live or not) so the caller can decide when to compact. A missing file is an empty log.
 */
export async function replayLog(
  file: string,
  dimension: number,
  apply: (entry: LogEntry) => void,
): Promise<{ records: number; bytes: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDWR);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: 0, bytes: 0 };
    throw err;
  }
  try {
    const size = (await handle.stat()).size;
    const reader = new ChunkReader(handle, size);
    const head = await reader.take(HEADER_BYTES);
    if (head === undefined || !head.subarray(0, 8).equals(MAGIC)) {
      throw new VectorLogCorruptError(file, 0, 'not a taonode vector log');
    }
    const fileDim = head.readUInt32LE(8);
    if (fileDim !== dimension) {
      throw new VectorLogCorruptError(
        file,
        8,
        `it holds ${fileDim}-d vectors, the index was opened for ${dimension}`,
      );
    }
    let records = 0;
    for (;;) {
      const start = reader.position;
      if (start === size) return { records, bytes: size };
      const h = await reader.take(8);
      const len = h?.readUInt32LE(0);
      const payload = h === undefined || len === undefined ? undefined : await reader.take(len);
      if (h === undefined || payload === undefined) {
        await handle.truncate(start); // torn final record: the append never completed
        return { records, bytes: start };
      }
      if (crc32(payload) !== h.readUInt32LE(4)) {
        if (reader.position === size) {
          await handle.truncate(start);
          return { records, bytes: start };
        }
        throw new VectorLogCorruptError(file, start, 'checksum mismatch');
      }
      const entry = decode(payload, dimension);
      if (typeof entry === 'string') throw new VectorLogCorruptError(file, start, entry);
      apply(entry);
      records++;
    }
  } finally {
    await handle.close();
  }
}

/** Sequential reads in large chunks; `take(n)` is undefined when fewer than n bytes remain. */
class ChunkReader {
  position = 0;
  private buf = Buffer.alloc(0);
  private bufStart = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  async take(n: number): Promise<Buffer | undefined> {
    if (this.position + n > this.size) return undefined;
    const have = this.bufStart + this.buf.length - this.position;
    if (have < n) {
      const want = Math.max(n, 8 * 1024 * 1024);
      const next = Buffer.alloc(Math.min(want, this.size - this.position));
      const { bytesRead } = await this.handle.read(next, 0, next.length, this.position);
      this.buf = next.subarray(0, bytesRead);
      this.bufStart = this.position;
    }
    const off = this.position - this.bufStart;
    this.position += n;
    return this.buf.subarray(off, off + n);
  }
}
