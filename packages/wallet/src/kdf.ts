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

/** libsodium's crypto_pwhash (WASM): ~9–10 s on a 2-core VM, blocks the event loop meanwhile. */
export const sodiumArgon2iKdf: Kdf = async (password) => {
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

type NativeArgon2 = typeof import('@node-rs/argon2');
type NativeOptions = NonNullable<Parameters<NativeArgon2['hashRaw']>[1]>;
// @node-rs/argon2 declares these as ambient const enums, which verbatimModuleSyntax cannot read.
const ARGON2I = 1 as NativeOptions['algorithm'];
const ARGON2_VERSION_0X13 = 1 as NativeOptions['version'];
let nativePromise: Promise<NativeArgon2 | undefined> | undefined;

/** The prebuilt native module may be missing on an exotic platform; libsodium then takes over. */
function loadNative(): Promise<NativeArgon2 | undefined> {
  nativePromise ??= import('@node-rs/argon2').then(
    (mod) => mod,
    () => undefined,
  );
  return nativePromise;
}

/**
 * Argon2i v1.3, ops 8, mem 512 MiB, parallelism 1, fixed salt — the btwallet NaCl key.
 * Native (@node-rs/argon2, runs on the libuv pool, ~3 s) with libsodium as the fallback; both
 * give identical keys (spec V2).
 */
export const argon2iKdf: Kdf = async (password) => {
  const native = await loadNative();
  if (native === undefined) return sodiumArgon2iKdf(password);
  const key = await native.hashRaw(password, {
    algorithm: ARGON2I,
    version: ARGON2_VERSION_0X13,
    timeCost: NACL_OPSLIMIT,
    memoryCost: NACL_MEMLIMIT / 1024, // KiB
    parallelism: 1,
    outputLen: 32,
    salt: Buffer.from(NACL_SALT),
  });
  return new Uint8Array(key);
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
