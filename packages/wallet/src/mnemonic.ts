import { mnemonicToEntropy } from '@polkadot/util-crypto/mnemonic/bip39';
import { english } from '@polkadot/util-crypto/mnemonic/wordlists';
import { bip39Generate, bip39ToMiniSecret } from '@polkadot/wasm-crypto';
import { InvalidMnemonicError } from './errors.js';
import './sr25519.js'; // initialises the WASM backend

export const MNEMONIC_WORD_COUNTS = [12, 15, 18, 21, 24] as const;
export type MnemonicWordCount = (typeof MNEMONIC_WORD_COUNTS)[number];

const WORDS = new Set(english);

/** Collapses whitespace and case so a pasted phrase is accepted as typed. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/).join(' ');
}

/**
 * Throws InvalidMnemonicError naming what is wrong (word count, position of an unknown word,
 * checksum). The words themselves never appear in the message.
 */
export function assertValidMnemonic(mnemonic: string): string {
  const normalized = normalizeMnemonic(mnemonic);
  const words = normalized === '' ? [] : normalized.split(' ');
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(words.length)) {
    throw new InvalidMnemonicError(`expected 12, 15, 18, 21 or 24 words, got ${words.length}`);
  }
  const unknown = words.flatMap((w, i) => (WORDS.has(w) ? [] : [i + 1]));
  if (unknown.length > 0) {
    const which = unknown.map((n) => `#${n}`).join(', ');
    throw new InvalidMnemonicError(
      `word${unknown.length > 1 ? 's' : ''} ${which} not in the English BIP39 word list`,
    );
  }
  try {
    mnemonicToEntropy(normalized);
  } catch {
    throw new InvalidMnemonicError('checksum does not match (a word is wrong or the words are out of order)');
  }
  return normalized;
}

export function generateMnemonic(words: MnemonicWordCount = 12): string {
  return bip39Generate(words);
}

/** Substrate scheme: PBKDF2 over the BIP39 *entropy*, first 32 bytes (spec §2.3). */
export function mnemonicToMiniSecret(mnemonic: string, passphrase = ''): Uint8Array {
  return bip39ToMiniSecret(assertValidMnemonic(mnemonic), passphrase);
}
