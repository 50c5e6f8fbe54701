// Test-only preload (node --import): replaces the 512 MiB Argon2i KDF with a table + sha256 so
// CLI end-to-end tests do not spend ~9 s per encrypted keyfile. The one table entry is spec V2's
// password → key (proved against real Argon2i by naclBox.test.ts), so files written with that
// password are real btcli-compatible files.
import { createHash } from 'node:crypto';

const V2_PASSWORD = 'thisisafakepassword';
const V2_KEY = 'a17c46ecafdd501ecb1da0651d35abfecf60df14bffa8e949f58aaecd75cb3c8';

globalThis[Symbol.for('taonode.wallet.kdfOverride')] = async (password) =>
  password === V2_PASSWORD
    ? Uint8Array.from(Buffer.from(V2_KEY, 'hex'))
    : Uint8Array.from(createHash('sha256').update(`taonode-test-kdf:${password}`).digest());
