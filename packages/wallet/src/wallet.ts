import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expandHome } from '@taonode/kit';
import { KeyfileExistsError, WalletNotFoundError } from './errors.js';
import type { Kdf } from './kdf.js';
import { type PasswordProvider, readKeyfile, readKeyfileBytes, writeKeyfile } from './keyfile.js';
import { addressFromKeyfile } from './keyfileJson.js';
import { Keypair } from './keypair.js';
import { generateMnemonic, type MnemonicWordCount } from './mnemonic.js';
import { detectEncoding } from './naclBox.js';
import {
  assertValidName,
  DEFAULT_HOTKEY_NAME,
  DEFAULT_WALLET_NAME,
  defaultWalletPath,
} from './walletPath.js';

export interface WalletOptions {
  name?: string;
  hotkey?: string;
  /** Root folder holding wallets; default `BT_WALLET_PATH` or `~/.bittensor/wallets`. */
  path?: string;
  /** Key-derivation override (tests only; real files need the default Argon2i). */
  kdf?: Kdf;
}

export interface UnlockOptions {
  password?: string;
  askPassword?: PasswordProvider;
}

export interface CreateKeyOptions {
  /** NaCl-encrypt with this password; undefined writes an unencrypted keyfile. */
  password?: string;
  overwrite?: boolean;
}

export interface CreatedKey {
  keypair: Keypair;
  /** Show it to the user once, then drop it. */
  mnemonic: string;
}

export type KeySource = { mnemonic: string } | { seed: string | Uint8Array } | { uri: string };

function keypairFrom(source: KeySource): Keypair {
  if ('mnemonic' in source) return Keypair.fromMnemonic(source.mnemonic);
  if ('seed' in source) return Keypair.fromSeed(source.seed);
  return Keypair.fromUri(source.uri);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * A btcli-layout wallet: `<path>/<name>/coldkey`, `coldkeypub.txt`, `hotkeys/<hotkey>`,
 * `hotkeys/<hotkey>pub.txt`. Keys are read lazily; nothing is cached here.
 */
export class Wallet {
  readonly name: string;
  readonly hotkeyName: string;
  readonly path: string;
  readonly #kdf: Kdf | undefined;

  constructor(options: WalletOptions = {}) {
    this.name = assertValidName('wallet', options.name ?? DEFAULT_WALLET_NAME);
    this.hotkeyName = assertValidName('hotkey', options.hotkey ?? DEFAULT_HOTKEY_NAME);
    this.path = options.path !== undefined ? expandHome(options.path) : defaultWalletPath();
    this.#kdf = options.kdf;
  }

  get dir(): string {
    return join(this.path, this.name);
  }
  get coldkeyFile(): string {
    return join(this.dir, 'coldkey');
  }
  get coldkeypubFile(): string {
    return join(this.dir, 'coldkeypub.txt');
  }
  hotkeyFile(hotkey: string = this.hotkeyName): string {
    return join(this.dir, 'hotkeys', assertValidName('hotkey', hotkey));
  }
  hotkeypubFile(hotkey: string = this.hotkeyName): string {
    return join(this.dir, 'hotkeys', `${assertValidName('hotkey', hotkey)}pub.txt`);
  }

  /** The coldkey with its secret (decrypts; may ask for a password). */
  getColdkey(options: UnlockOptions = {}): Promise<Keypair> {
    return readKeyfile(this.coldkeyFile, { ...options, what: 'coldkey', kdf: this.#kdf });
  }

  /** The coldkey's public part from coldkeypub.txt (never encrypted, no password). */
  async getColdkeypub(): Promise<Keypair> {
    await this.#assertWalletExists();
    return readKeyfile(this.coldkeypubFile, { what: 'coldkeypub.txt', checkPermissions: false });
  }

  /** The hotkey with its secret (hotkeys are unencrypted unless created with a password). */
  getHotkey(options: UnlockOptions & { hotkey?: string } = {}): Promise<Keypair> {
    const hotkey = options.hotkey ?? this.hotkeyName;
    return readKeyfile(this.hotkeyFile(hotkey), { ...options, what: `hotkey '${hotkey}'`, kdf: this.#kdf });
  }

  /** Hotkey address: from `<hotkey>pub.txt` if present, else the public fields of the hotkey file. */
  async getHotkeypub(hotkey: string = this.hotkeyName): Promise<Keypair> {
    await this.#assertWalletExists();
    const pubFile = this.hotkeypubFile(hotkey);
    if (await exists(pubFile))
      return readKeyfile(pubFile, { what: `hotkey '${hotkey}' public file`, checkPermissions: false });
    const bytes = await readKeyfileBytes(this.hotkeyFile(hotkey), `hotkey '${hotkey}'`, false);
    const address = detectEncoding(bytes) === 'plain' ? addressFromKeyfile(bytes) : undefined;
    if (address === undefined) return (await this.getHotkey({ hotkey })).toPublic();
    return Keypair.fromSs58(address);
  }

  /** Hotkey names in `hotkeys/` (public `*pub.txt` companions and temp files skipped), sorted. */
  async listHotkeys(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(join(this.dir, 'hotkeys'));
    } catch {
      return [];
    }
    // A watch-only hotkey has only `<name>pub.txt`; it is still a hotkey named <name>.
    const names = new Set<string>();
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      names.add(e.endsWith('pub.txt') ? e.slice(0, -'pub.txt'.length) : e);
    }
    names.delete('');
    return [...names].sort();
  }

  async exists(): Promise<boolean> {
    return exists(this.dir);
  }

  async createColdkey(options: CreateKeyOptions & { words?: MnemonicWordCount } = {}): Promise<CreatedKey> {
    const mnemonic = generateMnemonic(options.words ?? 12);
    const keypair = await this.regenerateColdkey({ mnemonic }, options);
    return { keypair, mnemonic };
  }

  async createHotkey(
    options: CreateKeyOptions & { words?: MnemonicWordCount; hotkey?: string } = {},
  ): Promise<CreatedKey> {
    const mnemonic = generateMnemonic(options.words ?? 12);
    const keypair = await this.regenerateHotkey({ mnemonic }, options);
    return { keypair, mnemonic };
  }

  /** Writes coldkey (encrypted iff a password is given) and coldkeypub.txt. */
  async regenerateColdkey(source: KeySource, options: CreateKeyOptions = {}): Promise<Keypair> {
    const keypair = keypairFrom(source);
    const overwrite = options.overwrite ?? false;
    await this.#refuseExisting([this.coldkeyFile, this.coldkeypubFile], overwrite);
    await writeKeyfile(this.coldkeyFile, keypair, { password: options.password, overwrite, kdf: this.#kdf });
    await writeKeyfile(this.coldkeypubFile, keypair, { publicOnly: true, overwrite });
    return keypair;
  }

  /** Writes hotkeys/<name> (unencrypted unless a password is given) and hotkeys/<name>pub.txt. */
  async regenerateHotkey(
    source: KeySource,
    options: CreateKeyOptions & { hotkey?: string } = {},
  ): Promise<Keypair> {
    const keypair = keypairFrom(source);
    const hotkey = options.hotkey ?? this.hotkeyName;
    const overwrite = options.overwrite ?? false;
    await this.#refuseExisting([this.hotkeyFile(hotkey), this.hotkeypubFile(hotkey)], overwrite);
    await writeKeyfile(this.hotkeyFile(hotkey), keypair, {
      password: options.password,
      overwrite,
      kdf: this.#kdf,
    });
    await writeKeyfile(this.hotkeypubFile(hotkey), keypair, { publicOnly: true, overwrite });
    return keypair;
  }

  /** Writes only coldkeypub.txt, from an ss58 address or a public key (watch-only wallet). */
  async regenerateColdkeypub(
    source: { ss58Address: string } | { publicKey: Uint8Array },
    options: { overwrite?: boolean } = {},
  ): Promise<Keypair> {
    const keypair =
      'ss58Address' in source
        ? Keypair.fromSs58(source.ss58Address)
        : Keypair.fromPublicKey(source.publicKey);
    const overwrite = options.overwrite ?? false;
    await this.#refuseExisting([this.coldkeypubFile], overwrite);
    await writeKeyfile(this.coldkeypubFile, keypair, { publicOnly: true, overwrite });
    return keypair;
  }

  /**
   * Throws KeyfileExistsError if writing that key would replace a file and `overwrite` is off.
   * Lets a CLI fail before asking for a password; the write itself re-checks atomically.
   */
  async assertWritable(
    kind: 'coldkey' | 'coldkeypub' | 'hotkey',
    options: { overwrite?: boolean; hotkey?: string } = {},
  ): Promise<void> {
    const hotkey = options.hotkey ?? this.hotkeyName;
    const files =
      kind === 'coldkey'
        ? [this.coldkeyFile, this.coldkeypubFile]
        : kind === 'coldkeypub'
          ? [this.coldkeypubFile]
          : [this.hotkeyFile(hotkey), this.hotkeypubFile(hotkey)];
    await this.#refuseExisting(files, options.overwrite ?? false);
  }

  toString(): string {
    return `Wallet(name=${this.name}, hotkey=${this.hotkeyName}, path=${this.path})`;
  }

  async #refuseExisting(files: string[], overwrite: boolean): Promise<void> {
    if (overwrite) return;
    for (const file of files) if (await exists(file)) throw new KeyfileExistsError(file);
  }

  async #assertWalletExists(): Promise<void> {
    if (!(await exists(this.dir))) throw new WalletNotFoundError(this.dir);
  }
}

/** Wallet folder names under `path` (those holding a coldkey or coldkeypub.txt), sorted. */
export async function listWallets(path: string = defaultWalletPath()): Promise<string[]> {
  const root = expandHome(path);
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith('.')) continue;
    if ((await exists(join(root, name, 'coldkeypub.txt'))) || (await exists(join(root, name, 'coldkey'))))
      out.push(name);
  }
  return out;
}
