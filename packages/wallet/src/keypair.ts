import { inspect } from 'node:util';
import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import { keyExtractSuri, keyFromPath } from '@polkadot/util-crypto';
import { InvalidSeedError, InvalidUriError, PublicKeyOnlyError } from './errors.js';
import { assertValidMnemonic, mnemonicToMiniSecret } from './mnemonic.js';
import { canonicalToEd25519Form, ed25519FormToCanonical } from './privateKey.js';
import { pairFromSeed, type RawPair, SEED_LENGTH, sign, verify } from './sr25519.js';
import { SS58_PREFIX, ss58Decode, ss58Encode } from './ss58.js';

/** Anything that can sign for an address: a Keypair, or later a remote/hardware signer. */
export interface Signer {
  readonly ss58Address: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array | string): Uint8Array;
}

/** The keyfile fields of spec §2.2, as hex/strings. Contains secrets: never log it. */
export interface KeyfileData {
  accountId: string;
  publicKey: string;
  ss58Address: string;
  privateKey?: string;
  secretSeed?: string;
  secretPhrase?: string;
  cryptoType: 1;
}

const encoder = new TextEncoder();

export function messageBytes(message: Uint8Array | string): Uint8Array {
  return typeof message === 'string' ? encoder.encode(message) : message;
}

interface Secrets {
  pair: RawPair;
  miniSecret?: Uint8Array;
  mnemonic?: string;
}

/**
 * An sr25519 key (Bittensor's only signing scheme for hotkeys/coldkeys today).
 * Secret material lives in a private field: it does not show up in console.log, util.inspect
 * or JSON.stringify.
 */
export class Keypair implements Signer {
  readonly publicKey: Uint8Array;
  readonly ss58Address: string;
  readonly #secrets: Secrets | undefined;

  private constructor(publicKey: Uint8Array, secrets: Secrets | undefined) {
    this.publicKey = publicKey;
    this.ss58Address = ss58Encode(publicKey, SS58_PREFIX);
    this.#secrets = secrets;
  }

  /** BIP39 mnemonic → substrate mini-secret → sr25519 (same keys as btcli). */
  static fromMnemonic(mnemonic: string): Keypair {
    const normalized = assertValidMnemonic(mnemonic);
    const miniSecret = mnemonicToMiniSecret(normalized);
    const pair = pairFromSeed(miniSecret);
    return new Keypair(pair.publicKey, { pair, miniSecret, mnemonic: normalized });
  }

  /** From the 32-byte mini-secret (`secretSeed` in a keyfile). */
  static fromSeed(miniSecret: Uint8Array | string): Keypair {
    const seed = typeof miniSecret === 'string' ? parseSeedHex(miniSecret) : miniSecret;
    if (seed.length !== SEED_LENGTH) throw new InvalidSeedError(`expected 32 bytes, got ${seed.length}`);
    const pair = pairFromSeed(seed);
    return new Keypair(pair.publicKey, { pair, miniSecret: seed.slice() });
  }

  /**
   * Substrate secret URI: `<mnemonic or 0x-seed>[//hard][/soft][///passphrase]`. A URI starting
   * with `/` uses the well-known dev phrase, so `//Alice` is the dev account Alice.
   */
  static fromUri(uri: string): Keypair {
    const full = uri.startsWith('/') ? `${DEV_PHRASE}${uri}` : uri.trim();
    let parts: ReturnType<typeof keyExtractSuri>;
    try {
      parts = keyExtractSuri(full);
    } catch {
      throw new InvalidUriError('cannot split it into secret, derivation path and passphrase');
    }
    const { phrase, path, password } = parts;
    const passphrase = password ?? '';
    let base: Keypair;
    if (isHex(phrase)) {
      if (passphrase !== '')
        throw new InvalidUriError('a ///passphrase only applies to a mnemonic, not a hex seed');
      base = Keypair.fromSeed(phrase);
    } else if (passphrase !== '') {
      base = Keypair.#fromMiniSecret(mnemonicToMiniSecret(phrase, passphrase));
    } else {
      base = Keypair.fromMnemonic(phrase);
    }
    if (path.length === 0) return base;
    const derived = keyFromPath(base.#requireSecrets().pair, path, 'sr25519');
    return new Keypair(derived.publicKey, {
      pair: { publicKey: derived.publicKey, secretKey: derived.secretKey },
    });
  }

  static #fromMiniSecret(miniSecret: Uint8Array): Keypair {
    const pair = pairFromSeed(miniSecret);
    return new Keypair(pair.publicKey, { pair });
  }

  /** A public-only key: can verify, `sign()` throws PublicKeyOnlyError. */
  static fromSs58(address: string): Keypair {
    return new Keypair(ss58Decode(address), undefined);
  }

  static fromPublicKey(publicKey: Uint8Array): Keypair {
    return new Keypair(publicKey.slice(), undefined);
  }

  /**
   * From a btwallet `privateKey` (canonical form, spec §2.2) and its public key. Returns undefined
   * when the secret does not belong to the public key (checked by signing and verifying).
   */
  static fromCanonicalPrivateKey(privateKey: Uint8Array, publicKey: Uint8Array): Keypair | undefined {
    if (privateKey.length !== 64 || publicKey.length !== 32) return undefined;
    const pair = { secretKey: canonicalToEd25519Form(privateKey), publicKey: publicKey.slice() };
    const probe = encoder.encode('taonode keyfile consistency check');
    try {
      if (!verify(probe, sign(pair, probe), pair.publicKey)) return undefined;
    } catch {
      return undefined; // the public key is not a valid ristretto point
    }
    return new Keypair(pair.publicKey, { pair });
  }

  get hasSecret(): boolean {
    return this.#secrets !== undefined;
  }

  /** sr25519 with signing context "substrate"; strings are signed as their raw UTF-8 bytes. */
  sign(message: Uint8Array | string): Uint8Array {
    return sign(this.#requireSecrets().pair, messageBytes(message));
  }

  verify(message: Uint8Array | string, signature: Uint8Array): boolean {
    return verify(messageBytes(message), signature, this.publicKey);
  }

  /** A @polkadot/keyring pair for `tx.signAndSend(pair)`. */
  toKeyringPair(): KeyringPair {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });
    const secrets = this.#secrets;
    if (secrets === undefined) return keyring.addFromAddress(this.publicKey);
    return keyring.addFromPair({ publicKey: secrets.pair.publicKey, secretKey: secrets.pair.secretKey });
  }

  /** The keyfile JSON fields (spec §2.2). Public-only keys give public fields only. */
  toKeyfileData(): KeyfileData {
    const pub = u8aToHex(this.publicKey);
    const data: KeyfileData = {
      accountId: pub,
      publicKey: pub,
      ss58Address: this.ss58Address,
      cryptoType: 1,
    };
    const secrets = this.#secrets;
    if (secrets === undefined) return data;
    data.privateKey = u8aToHex(ed25519FormToCanonical(secrets.pair.secretKey));
    if (secrets.miniSecret !== undefined) data.secretSeed = u8aToHex(secrets.miniSecret);
    if (secrets.mnemonic !== undefined) data.secretPhrase = secrets.mnemonic;
    return data;
  }

  /** Same key without its secret part (e.g. for coldkeypub.txt). */
  toPublic(): Keypair {
    return new Keypair(this.publicKey, undefined);
  }

  toJSON(): { ss58Address: string; publicKey: string } {
    return { ss58Address: this.ss58Address, publicKey: u8aToHex(this.publicKey) };
  }

  [inspect.custom](): string {
    return `Keypair(${this.ss58Address}${this.hasSecret ? '' : ', public only'})`;
  }

  #requireSecrets(): Secrets {
    if (this.#secrets === undefined) throw new PublicKeyOnlyError(this.ss58Address);
    return this.#secrets;
  }
}

function parseSeedHex(hex: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new InvalidSeedError('expected 0x followed by 64 hex characters');
  return hexToU8a(hex);
}
