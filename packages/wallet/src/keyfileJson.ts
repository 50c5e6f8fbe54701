import { hexToU8a } from '@polkadot/util';
import { z } from 'zod';
import { KeyfileCorruptError, UnsupportedKeyTypeError, WalletError } from './errors.js';
import { type KeyfileData, Keypair } from './keypair.js';
import { ss58Decode } from './ss58.js';

// btwallet writes only the keys it has; Python-era files wrote every key with null for missing
// values. Unknown keys are ignored.
const optionalString = z.string().nullish();
export const keyfileJsonSchema = z.looseObject({
  accountId: optionalString,
  publicKey: optionalString,
  privateKey: optionalString,
  secretPhrase: optionalString,
  secretSeed: optionalString,
  ss58Address: optionalString,
  cryptoType: z.number().int().nullish(),
});
export type KeyfileJson = z.infer<typeof keyfileJsonSchema>;

const HEX = /^0x([0-9a-fA-F]{2})*$/;

function hexField(file: string, field: string, value: string, length: number): Uint8Array {
  if (!HEX.test(value)) throw new KeyfileCorruptError(file, `${field} is not 0x-hex`);
  const bytes = hexToU8a(value);
  if (bytes.length !== length)
    throw new KeyfileCorruptError(file, `${field} has ${bytes.length} bytes, expected ${length}`);
  return bytes;
}

/** btwallet edge (spec §2.2): a seed whose 32 bytes are valid UTF-8 is written as `0x` + that text. */
function seedField(file: string, value: string): Uint8Array {
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return hexToU8a(value);
  if (value.startsWith('0x')) {
    const text = new TextEncoder().encode(value.slice(2));
    if (text.length === 32) return text;
  }
  throw new KeyfileCorruptError(file, 'secretSeed is not a 32-byte 0x-hex value');
}

export function serializeKeyfile(data: KeyfileData): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(data));
}

/**
 * Parses keyfile JSON into a Keypair. Load priority (spec §2.2): secretPhrase → secretSeed →
 * privateKey → public fields. When the file also names an address, it must match the secret.
 */
export function parseKeyfile(file: string, bytes: Uint8Array): Keypair {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new KeyfileCorruptError(file, 'not valid JSON (and not a known encrypted format)');
  }
  const parsed = keyfileJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeyfileCorruptError(
      file,
      `unexpected ${issue?.path.join('.') || 'content'} (${issue?.message ?? 'invalid'})`,
    );
  }
  const json = parsed.data;
  if (json.cryptoType != null && json.cryptoType !== 1)
    throw new UnsupportedKeyTypeError(file, json.cryptoType);

  const publicHex = json.publicKey ?? json.accountId;
  const publicKey = publicHex != null ? hexField(file, 'publicKey', publicHex, 32) : undefined;
  let fromAddress: Uint8Array | undefined;
  if (json.ss58Address != null) {
    try {
      fromAddress = ss58Decode(json.ss58Address);
    } catch {
      throw new KeyfileCorruptError(file, 'ss58Address is not a valid address');
    }
  }

  let kp: Keypair;
  try {
    if (json.secretPhrase != null) kp = Keypair.fromMnemonic(json.secretPhrase);
    else if (json.secretSeed != null) kp = Keypair.fromSeed(seedField(file, json.secretSeed));
    else if (json.privateKey != null) {
      const pub = publicKey ?? fromAddress;
      if (pub === undefined)
        throw new KeyfileCorruptError(file, 'privateKey without publicKey or ss58Address');
      const priv = hexField(file, 'privateKey', json.privateKey, 64);
      const restored = Keypair.fromCanonicalPrivateKey(priv, pub);
      if (restored === undefined)
        throw new KeyfileCorruptError(file, 'privateKey does not belong to its publicKey');
      kp = restored;
    } else if (fromAddress !== undefined) kp = Keypair.fromPublicKey(fromAddress);
    else if (publicKey !== undefined) kp = Keypair.fromPublicKey(publicKey);
    else
      throw new KeyfileCorruptError(
        file,
        'no key fields (secretPhrase, secretSeed, privateKey, ss58Address)',
      );
  } catch (err) {
    if (err instanceof KeyfileCorruptError) throw err;
    // Mnemonic/seed errors: keep the reason, say which file.
    throw new KeyfileCorruptError(file, err instanceof WalletError ? err.message : 'cannot rebuild the key');
  }

  for (const [field, key] of [
    ['ss58Address', fromAddress],
    ['publicKey', publicKey],
  ] as const) {
    if (key !== undefined && !equalBytes(key, kp.publicKey)) {
      throw new KeyfileCorruptError(file, `${field} does not match the key's secret`);
    }
  }
  return kp;
}

/** Public address from keyfile JSON without rebuilding the key (for listings). */
export function addressFromKeyfile(bytes: Uint8Array): string | undefined {
  try {
    const parsed = keyfileJsonSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) return undefined;
    if (parsed.data.ss58Address != null) return Keypair.fromSs58(parsed.data.ss58Address).ss58Address;
    const hex = parsed.data.publicKey ?? parsed.data.accountId;
    if (hex != null && /^0x[0-9a-fA-F]{64}$/.test(hex))
      return Keypair.fromPublicKey(hexToU8a(hex)).ss58Address;
    return undefined;
  } catch {
    return undefined;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
