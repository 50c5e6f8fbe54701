import { defaultKdf, type Kdf, loadSodium } from './kdf.js';

const NACL_MAGIC = new TextEncoder().encode('$NACL');
const NONCE_LENGTH = 24;
const MAC_LENGTH = 16;
/** Smallest well-formed `$NACL` file: magic ‖ nonce ‖ MAC of an empty plaintext. */
export const NACL_MIN_LENGTH = NACL_MAGIC.length + NONCE_LENGTH + MAC_LENGTH;

export type KeyfileEncoding = 'nacl' | 'ansible-vault' | 'fernet' | 'plain';

function startsWith(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Detection order of btwallet (spec §2.4). */
export function detectEncoding(data: Uint8Array): KeyfileEncoding {
  if (startsWith(data, '$NACL')) return 'nacl';
  if (startsWith(data, '$ANSIBLE_VAULT')) return 'ansible-vault';
  if (startsWith(data, 'gAAAAA')) return 'fernet';
  return 'plain';
}

export interface NaclOptions {
  kdf?: Kdf;
  /** Fixed nonce, for test vectors only. Real files use a fresh random nonce. */
  nonce?: Uint8Array;
}

export async function naclEncrypt(
  plaintext: Uint8Array,
  password: string,
  options: NaclOptions = {},
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const key = await (options.kdf ?? defaultKdf())(password);
  const nonce = options.nonce ?? sodium.randombytes_buf(NONCE_LENGTH);
  const box = sodium.crypto_secretbox_easy(plaintext, nonce, key);
  const out = new Uint8Array(NACL_MAGIC.length + NONCE_LENGTH + box.length);
  out.set(NACL_MAGIC, 0);
  out.set(nonce, NACL_MAGIC.length);
  out.set(box, NACL_MAGIC.length + NONCE_LENGTH);
  return out;
}

/** Returns the plaintext, or undefined when the MAC does not verify (wrong password or damaged file). */
export async function naclDecrypt(
  data: Uint8Array,
  password: string,
  options: NaclOptions = {},
): Promise<Uint8Array | undefined> {
  if (data.length < NACL_MIN_LENGTH || detectEncoding(data) !== 'nacl') return undefined;
  const sodium = await loadSodium();
  const key = await (options.kdf ?? defaultKdf())(password);
  const nonce = data.subarray(NACL_MAGIC.length, NACL_MAGIC.length + NONCE_LENGTH);
  try {
    return sodium.crypto_secretbox_open_easy(data.subarray(NACL_MAGIC.length + NONCE_LENGTH), nonce, key);
  } catch {
    return undefined;
  }
}
