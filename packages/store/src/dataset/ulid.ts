import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 48-bit millisecond time + 80 random bits, Crockford base32 (26 characters). */
export function ulid(nowMs: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  if (random.length !== 10) throw new RangeError('a ULID needs 10 random bytes');
  let value = BigInt(Math.floor(nowMs));
  for (const b of random) value = (value << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** The ULID as its 128-bit integer. */
export function ulidToBigInt(id: string): bigint {
  let value = 0n;
  for (const ch of id) {
    const d = CROCKFORD.indexOf(ch);
    if (d < 0) throw new RangeError(`'${id}' is not a ULID`);
    value = (value << 5n) | BigInt(d);
  }
  return value;
}

/**
 * Where a batch lands in a dataset repo, as the reference API lays it out:
 * `<prefix>/<bucket:03d>/<ULID>.parquet` with bucket = ULID.int mod 1000.
 */
export function batchPath(prefix: string, id: string): string {
  const bucket = (ulidToBigInt(id) % 1000n).toString().padStart(3, '0');
  return `${prefix}/${bucket}/${id}.parquet`;
}
