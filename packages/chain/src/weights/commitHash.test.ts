import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { commitHash, commitPreimage } from './commitHash.js';
import { revealRound } from './revealRound.js';
import { timelockPayload } from './timelockPayload.js';

// V1 key of the core spec.
const HOTKEY = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const params = {
  hotkey: HOTKEY,
  netuid: 1,
  uids: [0, 1, 2],
  values: [9362, 18724, 65535],
  salt: [1, 2, 3, 4, 5, 6, 7, 8],
  versionKey: 10002000n,
};

describe('commit-reveal v2 hash (core spec §3.7, vector V6)', () => {
  it('V6 preimage', () => {
    expect(u8aToHex(commitPreimage(params))).toBe(
      '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c944601000c0000010002000c92242449ffff2001000200030004000500060007000800509e980000000000',
    );
  });

  it('V6 hash', () => {
    expect(commitHash(params)).toBe('0xc7610856dae74dfec6c0489aee598162b0e6248f72995cf610ad28de905cb2d7');
  });

  it('accepts the raw public key and uses netuid_index for mechanisms', () => {
    const pk = Uint8Array.from(
      Buffer.from('e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446', 'hex'),
    );
    expect(commitHash({ ...params, hotkey: pk })).toBe(commitHash(params));
    const mech = commitPreimage({ ...params, netuid: 1, mecid: 1 });
    expect(u8aToHex(mech.subarray(32, 34))).toBe('0x0110'); // 4097 LE
  });

  it('V6 CRv4 timelock plaintext', () => {
    expect(u8aToHex(timelockPayload(params))).toBe(
      '0x80e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c94460c0000010002000c92242449ffff509e980000000000',
    );
  });
});

describe('revealRound (core spec §3.8 step 4)', () => {
  it('targets three blocks into the reveal epoch', () => {
    // netuid 1, tempo 360, block 1000: epoch (1000+2) div 361 = 2; reveal epoch 3; first block 3×361−2 = 1081.
    const r = revealRound({
      currentBlock: 1000,
      netuid: 1,
      tempo: 360,
      revealPeriod: 1,
      nowSeconds: 1_800_000_000,
    });
    expect(r.revealEpoch).toBe(3);
    expect(r.targetBlock).toBe(1084);
    expect(r.revealRound).toBe(Math.floor((1_800_000_000 + 84 * 12 - 1692803367) / 3));
  });

  it('never goes below round 1', () => {
    expect(
      revealRound({ currentBlock: 0, netuid: 0, tempo: 10, revealPeriod: 1, nowSeconds: 0 }).revealRound,
    ).toBe(1);
  });
});
