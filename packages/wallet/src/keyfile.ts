import { readFile, stat } from 'node:fs/promises';
import { FileExistsError, writeFileAtomic } from '@taonode/kit';
import { readEnvPassword } from './envPassword.js';
import {
  KeyfileExistsError,
  KeyfileNotFoundError,
  KeyfilePermissionsError,
  KeyfileTruncatedError,
  KeyfileUnreadableError,
  PasswordRequiredError,
  UnsupportedEncryptionError,
  WrongPasswordError,
} from './errors.js';
import type { Kdf } from './kdf.js';
import { parseKeyfile, serializeKeyfile } from './keyfileJson.js';
import type { Keypair } from './keypair.js';
import { detectEncoding, NACL_MIN_LENGTH, naclDecrypt, naclEncrypt } from './naclBox.js';

/** Supplies a password when one is needed (e.g. a hidden terminal prompt). */
export type PasswordProvider = (request: {
  file: string;
  purpose: 'decrypt';
}) => Promise<string | undefined> | string | undefined;

export interface ReadKeyfileOptions {
  /** Tried first. */
  password?: string;
  /** Asked after `password` and btcli's BT_PW_* variable. */
  askPassword?: PasswordProvider;
  /** Refuse files other users can read (secret keyfiles). Default true; ignored on Windows. */
  checkPermissions?: boolean;
  /** What the file is, for messages ("coldkey", "hotkey 'miner1'"). */
  what?: string;
  kdf?: Kdf;
  env?: NodeJS.ProcessEnv;
}

export async function readKeyfileBytes(
  file: string,
  what: string,
  checkPermissions: boolean,
): Promise<Uint8Array> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new KeyfileUnreadableError(file, 'it is a directory');
    if (checkPermissions && process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new KeyfilePermissionsError(file, st.mode & 0o777);
    }
    return await readFile(file);
  } catch (err) {
    if (err instanceof KeyfilePermissionsError || err instanceof KeyfileUnreadableError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KeyfileNotFoundError(file, what);
    if (code === 'EACCES' || code === 'EPERM') throw new KeyfileUnreadableError(file, 'permission denied');
    if (code === 'EISDIR') throw new KeyfileUnreadableError(file, 'it is a directory');
    throw new KeyfileUnreadableError(file, code ?? 'I/O error');
  }
}

export async function isEncryptedKeyfile(file: string): Promise<boolean> {
  const bytes = await readKeyfileBytes(file, 'keyfile', false);
  return detectEncoding(bytes) !== 'plain';
}

/** Reads and, if needed, decrypts a keyfile into a Keypair. */
export async function readKeyfile(file: string, options: ReadKeyfileOptions = {}): Promise<Keypair> {
  const what = options.what ?? 'keyfile';
  const bytes = await readKeyfileBytes(file, what, options.checkPermissions ?? true);
  const encoding = detectEncoding(bytes);
  if (encoding === 'ansible-vault' || encoding === 'fernet')
    throw new UnsupportedEncryptionError(file, encoding);
  if (encoding === 'plain') return parseKeyfile(file, bytes);
  if (bytes.length < NACL_MIN_LENGTH) throw new KeyfileTruncatedError(file, bytes.length);

  const password =
    options.password ??
    readEnvPassword(file, options.env) ??
    (await options.askPassword?.({ file, purpose: 'decrypt' }));
  if (password === undefined) throw new PasswordRequiredError(file);
  const plain = await naclDecrypt(bytes, password, { kdf: options.kdf });
  if (plain === undefined) throw new WrongPasswordError(file);
  return parseKeyfile(file, plain);
}

export interface WriteKeyfileOptions {
  /** Encrypt with this password (NaCl); undefined writes plain JSON. */
  password?: string;
  overwrite: boolean;
  /** Write only the public fields (coldkeypub.txt, *pub.txt). */
  publicOnly?: boolean;
  kdf?: Kdf;
}

export async function writeKeyfile(
  file: string,
  keypair: Keypair,
  options: WriteKeyfileOptions,
): Promise<void> {
  const json = serializeKeyfile((options.publicOnly ? keypair.toPublic() : keypair).toKeyfileData());
  const data =
    options.password === undefined ? json : await naclEncrypt(json, options.password, { kdf: options.kdf });
  try {
    await writeFileAtomic(file, data, { overwrite: options.overwrite });
  } catch (err) {
    throw err instanceof FileExistsError ? new KeyfileExistsError(file) : err;
  } finally {
    json.fill(0); // best effort: do not leave the plaintext secret in this buffer
  }
}
