import { compactFromU8a, compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { CommitmentDecodeError, CommitmentInputError } from './errors.js';

/** One `pallet_commitments::Data` field (§3.12 of the core spec). */
export type CommitmentField =
  | { kind: 'None' }
  | { kind: 'Raw'; bytes: Uint8Array }
  | { kind: 'BigRaw'; bytes: Uint8Array }
  | { kind: 'BlakeTwo256' | 'Sha256' | 'Keccak256' | 'ShaThree256'; hash: Uint8Array }
  | { kind: 'TimelockEncrypted'; encrypted: Uint8Array; revealRound: bigint }
  | { kind: 'ResetBondsFlag' };

export const RAW_MAX = 128;
export const BIG_RAW_MAX = 512;
export const TIMELOCK_MAX = 1024;
const HASH_KINDS = ['BlakeTwo256', 'Sha256', 'Keccak256', 'ShaThree256'] as const;

/** Smallest field that holds `bytes`: `Raw{n}` up to 128 bytes, `BigRaw` up to 512. */
export function fieldForBytes(bytes: Uint8Array): CommitmentField {
  if (bytes.length <= RAW_MAX) return { kind: 'Raw', bytes };
  if (bytes.length <= BIG_RAW_MAX) return { kind: 'BigRaw', bytes };
  throw new CommitmentInputError(
    `commitment data is ${bytes.length} bytes; the chain takes at most ${BIG_RAW_MAX} per field`,
    { length: bytes.length, max: BIG_RAW_MAX },
  );
}

export function encodeField(field: CommitmentField): Uint8Array {
  switch (field.kind) {
    case 'None':
      return Uint8Array.of(0);
    case 'Raw':
      if (field.bytes.length > RAW_MAX)
        throw new CommitmentInputError(`Raw field longer than ${RAW_MAX} bytes`);
      return u8aConcat(Uint8Array.of(field.bytes.length + 1), field.bytes);
    case 'BigRaw':
      if (field.bytes.length > BIG_RAW_MAX)
        throw new CommitmentInputError(`BigRaw field longer than ${BIG_RAW_MAX} bytes`);
      return u8aConcat(Uint8Array.of(136), compactToU8a(field.bytes.length), field.bytes);
    case 'TimelockEncrypted': {
      if (field.encrypted.length > TIMELOCK_MAX)
        throw new CommitmentInputError(`TimelockEncrypted field longer than ${TIMELOCK_MAX} bytes`);
      const round = new Uint8Array(8);
      new DataView(round.buffer).setBigUint64(0, field.revealRound, true);
      return u8aConcat(Uint8Array.of(134), compactToU8a(field.encrypted.length), field.encrypted, round);
    }
    case 'ResetBondsFlag':
      return Uint8Array.of(135);
    default: {
      if (field.hash.length !== 32) throw new CommitmentInputError(`${field.kind} needs a 32-byte hash`);
      return u8aConcat(Uint8Array.of(130 + HASH_KINDS.indexOf(field.kind)), field.hash);
    }
  }
}

/** The same field in the shape @polkadot/api takes for the metadata enum (`{ Raw5: '0x…' }`). */
export function fieldToApiValue(field: CommitmentField): Record<string, unknown> {
  switch (field.kind) {
    case 'None':
    case 'ResetBondsFlag':
      return { [field.kind]: null };
    case 'Raw':
      return { [`Raw${field.bytes.length}`]: u8aToHex(field.bytes) };
    case 'BigRaw':
      return { BigRaw: u8aToHex(field.bytes) };
    case 'TimelockEncrypted':
      return { TimelockEncrypted: { encrypted: u8aToHex(field.encrypted), reveal_round: field.revealRound } };
    default:
      return { [field.kind]: u8aToHex(field.hash) };
  }
}

/** `Commitments.set_commitment(netuid, CommitmentInfo { fields })` call bytes (pallet 18, call 0). */
export function encodeSetCommitmentCall(
  netuid: number,
  fields: readonly CommitmentField[],
  index: { pallet: number; call: number } = { pallet: 18, call: 0 },
): Uint8Array {
  const netuidLe = Uint8Array.of(netuid & 0xff, netuid >> 8);
  return u8aConcat(
    Uint8Array.of(index.pallet, index.call),
    netuidLe,
    compactToU8a(fields.length),
    ...fields.map(encodeField),
  );
}

function need(bytes: Uint8Array, offset: number, n: number): void {
  if (offset + n > bytes.length) throw new CommitmentDecodeError('commitment data ends early');
}

/** Decodes one field at `offset`; returns it and the offset after it. */
export function decodeField(bytes: Uint8Array, offset: number): [CommitmentField, number] {
  need(bytes, offset, 1);
  const tag = bytes[offset]!;
  let at = offset + 1;
  if (tag === 0) return [{ kind: 'None' }, at];
  if (tag >= 1 && tag <= RAW_MAX + 1) {
    const len = tag - 1;
    need(bytes, at, len);
    return [{ kind: 'Raw', bytes: bytes.slice(at, at + len) }, at + len];
  }
  if (tag >= 130 && tag <= 133) {
    need(bytes, at, 32);
    return [{ kind: HASH_KINDS[tag - 130]!, hash: bytes.slice(at, at + 32) }, at + 32];
  }
  if (tag === 134 || tag === 136) {
    const [lenBytes, len] = compactFromU8a(bytes.subarray(at));
    at += lenBytes;
    const n = len.toNumber();
    need(bytes, at, n);
    const body = bytes.slice(at, at + n);
    at += n;
    if (tag === 136) return [{ kind: 'BigRaw', bytes: body }, at];
    need(bytes, at, 8);
    const revealRound = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0, true);
    return [{ kind: 'TimelockEncrypted', encrypted: body, revealRound }, at + 8];
  }
  if (tag === 135) return [{ kind: 'ResetBondsFlag' }, at];
  throw new CommitmentDecodeError(`unknown commitment Data variant ${tag}`);
}

export interface CommitmentRegistration {
  deposit: bigint;
  /** Block the commitment was set in. */
  block: number;
  fields: CommitmentField[];
}

/** SCALE `Registration { deposit: u64, block: u32, info: CommitmentInfo }` from `CommitmentOf`. */
export function decodeRegistration(bytes: Uint8Array): CommitmentRegistration {
  need(bytes, 0, 12);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deposit = view.getBigUint64(0, true);
  const block = view.getUint32(8, true);
  const [lenBytes, count] = compactFromU8a(bytes.subarray(12));
  let at = 12 + lenBytes;
  const fields: CommitmentField[] = [];
  for (let i = 0; i < count.toNumber(); i++) {
    const [field, next] = decodeField(bytes, at);
    fields.push(field);
    at = next;
  }
  return { deposit, block, fields };
}

/** The SDK's reading of a commitment: the first field's bytes as UTF-8 (empty if not raw data). */
export function commitmentText(fields: readonly CommitmentField[]): string {
  const first = fields[0];
  if (first && (first.kind === 'Raw' || first.kind === 'BigRaw'))
    return new TextDecoder().decode(first.bytes);
  return '';
}
