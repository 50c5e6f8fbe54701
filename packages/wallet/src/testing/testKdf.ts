import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Kdf, setKdfOverrideForTests } from '../kdf.js';

/** Spec §5 V2. */
export const V2_PASSWORD = 'thisisafakepassword';
export const V2_KEY_HEX = 'a17c46ecafdd501ecb1da0651d35abfecf60df14bffa8e949f58aaecd75cb3c8';

/**
 * Stand-in for Argon2i in tests: V2's password maps to V2's real key, anything else to a sha256.
 * Keeps one real KDF per test run (the V2 vector itself).
 */
export const testKdf: Kdf = async (password) =>
  password === V2_PASSWORD
    ? Uint8Array.from(Buffer.from(V2_KEY_HEX, 'hex'))
    : Uint8Array.from(createHash('sha256').update(`taonode-test-kdf:${password}`).digest());

/** `NODE_OPTIONS` value that installs the same stand-in in a child `taonode` process. */
export const fastKdfNodeOptions = `--import=${fileURLToPath(new URL('./fastKdf.preload.mjs', import.meta.url))}`;

/** Makes every Wallet/keyfile call in this process use `testKdf`; returns the undo function. */
export function installTestKdf(): () => void {
  setKdfOverrideForTests(testKdf);
  return () => setKdfOverrideForTests(undefined);
}
