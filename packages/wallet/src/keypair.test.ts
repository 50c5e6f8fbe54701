import { inspect } from 'node:util';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, sr25519PairFromSeed, sr25519Sign, sr25519Verify } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidMnemonicError, InvalidUriError, PublicKeyOnlyError } from './errors.js';
import { Keypair } from './keypair.js';
import { ss58Decode, ss58Encode } from './ss58.js';
import { verifySignature } from './verifySignature.js';

// Spec §5 V1.
const V1 = {
  mnemonic: 'old leopard transfer rib spatial phone calm indicate online fire caution review',
  seed: '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143',
  publicKey: '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446',
  ss58: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
  privateKey:
    '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
  ed25519Form:
    '0xf8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d6569cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
};

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('Keypair — spec V1', () => {
  it('mnemonic → seed, public key, ss58, canonical privateKey', () => {
    const kp = Keypair.fromMnemonic(V1.mnemonic);
    expect(u8aToHex(kp.publicKey)).toBe(V1.publicKey);
    expect(kp.ss58Address).toBe(V1.ss58);
    const data = kp.toKeyfileData();
    expect(data.secretSeed).toBe(V1.seed);
    expect(data.privateKey).toBe(V1.privateKey);
    expect(data.secretPhrase).toBe(V1.mnemonic);
    expect(data.accountId).toBe(V1.publicKey);
    expect(data.cryptoType).toBe(1);
    // util-crypto's secret is the ed25519 form of the same key.
    expect(u8aToHex(sr25519PairFromSeed(V1.seed).secretKey)).toBe(V1.ed25519Form);
  });

  it('fromSeed gives the same key', () => {
    expect(Keypair.fromSeed(V1.seed).ss58Address).toBe(V1.ss58);
  });

  it.each([
    [`${V1.mnemonic}//Alice`, '5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN'],
    [`${V1.mnemonic}/Alice`, '5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i'],
    ['//Alice', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
    ['//Bob/test', '5CJGwWiKXSE16WJaxBdPZhWqUYkotgenLUALv7ZvqQ4TXeqf'],
    ['/Bob//test', '5Cwc8tShrshDJUp1P1M21dKUTcYQpV9GcfSa4hUBNmMdV3Cx'],
    ['//PathNameLongerThan32BytesWhichShouldBeHashed', '5GR5pfZeNs1uQiSWVxZaQiZou3wdZiX894eqgvfNfHbEh7W2'],
    [V1.mnemonic, V1.ss58],
  ])('fromUri(%s)', (uri, ss58) => {
    const kp = Keypair.fromUri(uri);
    expect(kp.ss58Address).toBe(ss58);
    expect(kp.verify('x', kp.sign('x'))).toBe(true);
  });

  it('//Alice public key', () => {
    expect(u8aToHex(Keypair.fromUri('//Alice').publicKey)).toBe(
      '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    );
  });

  it('derived keys carry no phrase/seed, and reload from their canonical privateKey', () => {
    const kp = Keypair.fromUri(`${V1.mnemonic}//Alice`);
    const data = kp.toKeyfileData();
    expect(data.secretPhrase).toBeUndefined();
    expect(data.secretSeed).toBeUndefined();
    const back = Keypair.fromCanonicalPrivateKey(
      Uint8Array.from(Buffer.from(data.privateKey!.slice(2), 'hex')),
      kp.publicKey,
    );
    expect(back?.ss58Address).toBe(kp.ss58Address);
    expect(back?.verify('m', back.sign('m'))).toBe(true);
  });

  it('fromCanonicalPrivateKey rejects a secret that does not match the public key', () => {
    const priv = Uint8Array.from(Buffer.from(V1.privateKey.slice(2), 'hex'));
    expect(Keypair.fromCanonicalPrivateKey(priv, Keypair.fromUri('//Alice').publicKey)).toBeUndefined();
    expect(Keypair.fromCanonicalPrivateKey(priv, ss58Decode(V1.ss58))?.ss58Address).toBe(V1.ss58);
  });
});

describe('sign / verify', () => {
  const kp = Keypair.fromMnemonic(V1.mnemonic);

  it('cross-verifies with util-crypto JS sr25519 both ways', () => {
    const msg = new TextEncoder().encode('hello bittensor');
    const wasmSig = kp.sign('hello bittensor');
    expect(sr25519Verify(msg, wasmSig, kp.publicKey)).toBe(true);
    const jsSig = sr25519Sign(msg, sr25519PairFromSeed(V1.seed));
    expect(kp.verify(msg, jsSig)).toBe(true);
    expect(verifySignature(msg, u8aToHex(jsSig), V1.ss58)).toBe(true);
  });

  it('verifies the spec V4 dendrite signature', () => {
    const message =
      '1700000000000000000.5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a.a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a';
    const sig =
      '0xbcead97511bdbe5204b628c36a753529649e3b6a248df00ef5016140a2ca0f707fe90a214fec37dcf6cd635f8ae1d56af7e019089992e7da63366681d5b55c87';
    expect(verifySignature(message, sig, V1.ss58)).toBe(true);
    expect(verifySignature(message, sig, V1.publicKey)).toBe(true);
    expect(verifySignature(`${message}x`, sig, V1.ss58)).toBe(false);
  });

  it('verifySignature returns false on malformed input instead of throwing', () => {
    const sig = kp.sign('m');
    expect(verifySignature('m', sig, kp.publicKey)).toBe(true);
    expect(verifySignature('m', sig, 'not-an-address')).toBe(false);
    expect(verifySignature('m', '0x1234', V1.ss58)).toBe(false);
    expect(verifySignature('m', sig.subarray(0, 10), V1.ss58)).toBe(false);
    expect(verifySignature('m', sig, new Uint8Array(5))).toBe(false);
    expect(verifySignature('m', new Uint8Array(64), V1.ss58)).toBe(false);
  });

  it('public-only keys verify but refuse to sign', () => {
    const pub = Keypair.fromSs58(V1.ss58);
    expect(pub.verify('m', kp.sign('m'))).toBe(true);
    expect(() => pub.sign('m')).toThrow(PublicKeyOnlyError);
    expect(pub.toKeyfileData()).toEqual({
      accountId: V1.publicKey,
      publicKey: V1.publicKey,
      ss58Address: V1.ss58,
      cryptoType: 1,
    });
  });

  it('toKeyringPair signs verifiably and matches the address', () => {
    const pair = kp.toKeyringPair();
    expect(pair.address).toBe(V1.ss58);
    expect(kp.verify('abc', pair.sign('abc'))).toBe(true);
  });

  it('never exposes secrets through JSON or inspect', () => {
    const text = `${JSON.stringify(kp)} ${inspect(kp)}`;
    expect(text).not.toContain('leopard');
    expect(text).not.toContain(V1.seed.slice(2));
  });
});

describe('errors', () => {
  it('bad checksum', () => {
    expect(() => Keypair.fromMnemonic(V1.mnemonic.replace('review', 'caution'))).toThrow(/checksum/);
  });
  it('unknown word names its position, not the word', () => {
    try {
      Keypair.fromMnemonic(V1.mnemonic.replace('rib', 'ribx'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidMnemonicError);
      expect((err as Error).message).toContain('#4');
      expect((err as Error).message).not.toContain('ribx');
    }
  });
  it('wrong word count', () => {
    expect(() => Keypair.fromMnemonic('old leopard')).toThrow(/got 2/);
  });
  it('bad uri', () => {
    expect(() => Keypair.fromUri('hello, world!')).toThrow(InvalidUriError);
  });
  it('ss58 round trip and typed errors', () => {
    expect(ss58Encode(ss58Decode(V1.ss58))).toBe(V1.ss58);
    expect(() => ss58Decode('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66Bsx')).toThrow(/invalid ss58/);
    expect(() => ss58Encode(new Uint8Array(3))).toThrow(/32 bytes/);
  });
});
