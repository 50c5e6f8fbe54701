import type sodiumType from 'libsodium-wrappers-sumo';

type Sodium = typeof sodiumType;

/** btwallet's fixed NaCl salt (spec §2.4): the Python literal b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1". */
export const NACL_SALT = Uint8Array.from([
  0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1,
]);
/** crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE — not the generic (Argon2id) constant. */
export const NACL_OPSLIMIT = 8;
/** crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE = 512 MiB. */
export const NACL_MEMLIMIT = 536_870_912;

/** Turns a keyfile password into the 32-byte secretbox key. */
export type Kdf = (password: string) => Promise<Uint8Array>;

let sodiumPromise: Promise<Sodium> | undefined;

/** libsodium is only loaded when an encrypted keyfile is touched (hotkey-only daemons never pay for it). */
export function loadSodium(): Promise<Sodium> {
  sodiumPromise ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    await mod.default.ready;
    return mod.default;
  });
  return sodiumPromise;
}

/** Argon2i v1.3, ops 8, mem 512 MiB, fixed salt: ~9 s and ~570 MiB RSS in WASM on a 2-core VM. */
export const argon2iKdf: Kdf = async (password) => {
  const sodium = await loadSodium();
  return sodium.crypto_pwhash(
    32,
    password,
    NACL_SALT,
    NACL_OPSLIMIT,
    NACL_MEMLIMIT,
    sodium.crypto_pwhash_ALG_ARGON2I13,
  );
};

// Test seam: a process-wide override installed through a global symbol (by a test preload or a
// test file), so suites do not pay 9 s per encrypted file. Nothing user-facing sets it.
const OVERRIDE = Symbol.for('taonode.wallet.kdfOverride');

export function defaultKdf(): Kdf {
  const override = (globalThis as Record<symbol, unknown>)[OVERRIDE];
  return typeof override === 'function' ? (override as Kdf) : argon2iKdf;
}

export function setKdfOverrideForTests(kdf: Kdf | undefined): void {
  (globalThis as Record<symbol, unknown>)[OVERRIDE] = kdf;
}
