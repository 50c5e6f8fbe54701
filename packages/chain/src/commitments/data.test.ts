import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import {
  commitmentText,
  decodeField,
  decodeRegistration,
  encodeField,
  encodeSetCommitmentCall,
  fieldForBytes,
  fieldToApiValue,
} from './data.js';
import { CommitmentDecodeError, CommitmentInputError } from './errors.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('commitment Data (core spec §3.12, vector V7)', () => {
  it('V7: set_commitment(1, [Raw5 "hello"]) call bytes', () => {
    expect(u8aToHex(encodeSetCommitmentCall(1, [fieldForBytes(utf8('hello'))]))).toBe(
      '0x12000100040668656c6c6f',
    );
  });

  it('picks Raw up to 128 bytes, BigRaw up to 512, refuses more', () => {
    expect(fieldForBytes(new Uint8Array(128)).kind).toBe('Raw');
    expect(fieldForBytes(new Uint8Array(129)).kind).toBe('BigRaw');
    expect(() => fieldForBytes(new Uint8Array(513))).toThrow(CommitmentInputError);
    expect(u8aToHex(encodeField(fieldForBytes(new Uint8Array(0))))).toBe('0x01');
    expect(u8aToHex(encodeField(fieldForBytes(new Uint8Array(128)))).slice(0, 4)).toBe('0x81');
    expect(u8aToHex(encodeField(fieldForBytes(new Uint8Array(200)))).slice(0, 8)).toBe('0x882103'); // 136, compact 200
    expect(fieldToApiValue(fieldForBytes(utf8('hi')))).toEqual({ Raw2: '0x6869' });
  });

  it('round-trips every variant', () => {
    const fields = [
      { kind: 'None' as const },
      fieldForBytes(utf8('model: org/name@abc')),
      fieldForBytes(new Uint8Array(300).fill(7)),
      { kind: 'Sha256' as const, hash: new Uint8Array(32).fill(9) },
      { kind: 'TimelockEncrypted' as const, encrypted: Uint8Array.of(1, 2, 3), revealRound: 123456789n },
      { kind: 'ResetBondsFlag' as const },
    ];
    let at = 0;
    const bytes = Uint8Array.from(fields.flatMap((f) => [...encodeField(f)]));
    for (const f of fields) {
      const [decoded, next] = decodeField(bytes, at);
      expect(decoded).toEqual(f);
      at = next;
    }
    expect(at).toBe(bytes.length);
  });

  it('decodes a CommitmentOf registration', () => {
    // deposit 0, block 42, fields [Raw5 hello]
    const reg = Uint8Array.from(Buffer.from(`${'00'.repeat(8)}2a000000040668656c6c6f`, 'hex'));
    const decoded = decodeRegistration(reg);
    expect(decoded.block).toBe(42);
    expect(decoded.deposit).toBe(0n);
    expect(commitmentText(decoded.fields)).toBe('hello');
    expect(() => decodeRegistration(reg.subarray(0, 15))).toThrow(CommitmentDecodeError);
  });
});
