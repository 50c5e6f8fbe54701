import { Keypair, verifySignature } from '@taonode/wallet';
import { describe, expect, it } from 'vitest';
import { EMPTY_BODY_HASH } from './bodyHash.js';
import { dendriteSignatureMessage } from './signatureMessage.js';

// Spec §5 V4.
const V4_MESSAGE =
  '1700000000000000000.5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a.a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a';
const V4_SIGNATURE =
  '0xbcead97511bdbe5204b628c36a753529649e3b6a248df00ef5016140a2ca0f707fe90a214fec37dcf6cd635f8ae1d56af7e019089992e7da63366681d5b55c87';
const V1_MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';

describe('dendrite signature message (V4)', () => {
  it('builds the exact message', () => {
    const message = dendriteSignatureMessage({
      nonce: 1_700_000_000_000_000_000n,
      dendriteHotkey: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
      axonHotkey: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
      uuid: '5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a',
      bodyHash: EMPTY_BODY_HASH,
    });
    expect(message).toBe(V4_MESSAGE);
  });

  it('verifies the reference signature and rejects a tampered one', () => {
    expect(
      verifySignature(V4_MESSAGE, V4_SIGNATURE, '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX'),
    ).toBe(true);
    expect(
      verifySignature(`${V4_MESSAGE}x`, V4_SIGNATURE, '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX'),
    ).toBe(false);
  });

  it('is what our signer produces for the V1 key', () => {
    const key = Keypair.fromMnemonic(V1_MNEMONIC);
    expect(key.ss58Address).toBe('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');
    const sig = key.sign(V4_MESSAGE);
    expect(verifySignature(V4_MESSAGE, sig, key.ss58Address)).toBe(true);
  });
});
