import { TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { planDecoder, UnsupportedScaleType } from './scaleDecoder.js';

const registry = new TypeRegistry();
registry.register({
  Axon: { block: 'u64', version: 'u32', ip: 'u128', port: 'u16', ipType: 'u8' },
  Info: {
    netuid: 'Compact<u16>',
    big: 'Compact<u64>',
    huge: 'Compact<u128>',
    owner: 'AccountId32',
    price: 'i128',
    flags: 'Vec<bool>',
    axons: 'Vec<Axon>',
    pairs: 'Vec<(AccountId32,Compact<u64>)>',
    ident: 'Option<Bytes>',
    none: 'Option<Axon>',
  },
  Kind: { _enum: ['A', 'B'] },
});

describe('plain SCALE decoder', () => {
  it('decodes what polkadot.js encodes, with the same field names', () => {
    const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    const value = {
      netuid: 300,
      big: 2n ** 40n + 7n,
      huge: 2n ** 100n,
      owner: alice,
      price: -5n,
      flags: [true, false, true],
      axons: [{ block: 1n, version: 10002000, ip: 3232235786n, port: 8091, ipType: 4 }],
      pairs: [[alice, 16384n]],
      ident: '0x6869',
      none: null,
    };
    const bytes = registry.createType('Info', value).toU8a();
    const decoded = planDecoder(registry, 'Option<Info>')(new Uint8Array([1, ...bytes]));
    expect(decoded).toEqual(value);
    expect(planDecoder(registry, 'Option<Info>')(new Uint8Array([0]))).toBeNull();
    // Compact boundaries: single byte, two bytes, four bytes, big integer mode.
    for (const n of [0, 63, 64, 16383, 16384, 2 ** 30 - 1, 2 ** 30, 2 ** 32 - 1]) {
      expect(planDecoder(registry, 'Compact<u32>')(registry.createType('Compact<u32>', n).toU8a())).toBe(n);
    }
  });

  it('refuses enums (the caller falls back to polkadot.js) and truncated or oversized input', () => {
    expect(() => planDecoder(registry, 'Kind')).toThrow(UnsupportedScaleType);
    expect(() => planDecoder(registry, 'Vec<Option<bool>>')).toThrow(UnsupportedScaleType);
    expect(() => planDecoder(registry, 'Vec<u16>')(new Uint8Array([8, 1, 0]))).toThrow(RangeError);
    expect(() => planDecoder(registry, 'u16')(new Uint8Array([1, 0, 0]))).toThrow(/left over/);
  });
});
