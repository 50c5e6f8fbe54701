import { CodedError } from '@taonode/kit';

/**
 * Every failure the wallet package reports on purpose. Messages say what is wrong and what to do,
 * and never contain a secret (mnemonic, password, seed, private key).
 */
export class WalletError extends CodedError {}

export class InvalidAddressError extends WalletError {
  constructor(detail: string) {
    super(
      'INVALID_ADDRESS',
      `invalid ss58 address or public key: ${detail}`,
      'pass a 48-character ss58 address (starts with 5) or a 0x-prefixed 32-byte public key',
    );
  }
}

export class InvalidMnemonicError extends WalletError {
  constructor(reason: string) {
    super(
      'INVALID_MNEMONIC',
      `invalid mnemonic: ${reason}`,
      'check the words against your offline backup (12, 15, 18, 21 or 24 English BIP39 words, single spaces)',
    );
  }
}

export class InvalidUriError extends WalletError {
  constructor(reason: string) {
    super(
      'INVALID_URI',
      `invalid secret URI: ${reason}`,
      "use '<mnemonic>//hard/soft', '0x<32-byte seed hex>//path' or '//Alice'",
    );
  }
}

export class InvalidSeedError extends WalletError {
  constructor(reason: string) {
    super(
      'INVALID_SEED',
      `invalid seed: ${reason}`,
      'pass the 32-byte mini-secret as 0x followed by 64 hex characters',
    );
  }
}

/** The key has only public data (e.g. loaded from coldkeypub.txt or an ss58 address). */
export class PublicKeyOnlyError extends WalletError {
  constructor(ss58Address: string) {
    super(
      'PUBLIC_KEY_ONLY',
      `key ${ss58Address} has no secret part and cannot sign`,
      'load the full keyfile (coldkey or hotkey), not the *pub.txt file or an address',
    );
  }
}

export class WrongPasswordError extends WalletError {
  constructor(file: string) {
    super(
      'WRONG_PASSWORD',
      `wrong password for ${file} (or the file is damaged): decryption failed`,
      'retry with the password used when the key was created; if it is lost, regenerate the key from its mnemonic with --overwrite',
    );
  }
}

export class KeyfileNotFoundError extends WalletError {
  constructor(file: string, what: string) {
    super(
      'KEYFILE_NOT_FOUND',
      `${what} not found: ${file}`,
      'check --wallet.path/--wallet.name/--wallet.hotkey, or create it with `taonode wallet new-coldkey` / `new-hotkey`',
    );
  }
}

export class WalletNotFoundError extends WalletError {
  constructor(dir: string) {
    super(
      'WALLET_NOT_FOUND',
      `wallet not found: ${dir}`,
      'check --wallet.path and --wallet.name, or create one with `taonode wallet new-coldkey`',
    );
  }
}

export class KeyfileExistsError extends WalletError {
  constructor(file: string) {
    super(
      'KEYFILE_EXISTS',
      `refusing to replace existing keyfile ${file}`,
      'pass --overwrite to replace it (back it up first: the old key is lost unless you have its mnemonic)',
    );
  }
}

export class KeyfileUnreadableError extends WalletError {
  constructor(file: string, reason: string) {
    super(
      'KEYFILE_UNREADABLE',
      `cannot read keyfile ${file}: ${reason}`,
      'check that the file exists and that you own it',
    );
  }
}

export class KeyfilePermissionsError extends WalletError {
  constructor(file: string, mode: number) {
    super(
      'KEYFILE_PERMISSIONS',
      `keyfile ${file} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); refusing to use it`,
      `run: chmod 600 ${file}`,
    );
  }
}

export class KeyfileCorruptError extends WalletError {
  constructor(file: string, reason: string) {
    super(
      'KEYFILE_CORRUPT',
      `keyfile ${file} is corrupt: ${reason}`,
      'restore it from a backup or regenerate the key from its mnemonic with --overwrite',
    );
  }
}

export class KeyfileTruncatedError extends WalletError {
  constructor(file: string, size: number) {
    super(
      'KEYFILE_TRUNCATED',
      `encrypted keyfile ${file} is truncated (${size} bytes)`,
      'restore it from a backup or regenerate the key from its mnemonic with --overwrite',
    );
  }
}

export class UnsupportedEncryptionError extends WalletError {
  constructor(file: string, format: 'ansible-vault' | 'fernet') {
    const name = format === 'ansible-vault' ? 'Ansible Vault (legacy)' : 'Fernet (oldest legacy)';
    super(
      'UNSUPPORTED_ENCRYPTION',
      `keyfile ${file} uses ${name} encryption, which taonode does not read`,
      'rewrite it in the current NaCl format from its mnemonic: `btcli wallet regen-coldkey` (or regen-hotkey), or `taonode wallet regen-coldkey --mnemonic ... --overwrite`',
    );
  }
}

export class PasswordRequiredError extends WalletError {
  constructor(file: string) {
    super(
      'PASSWORD_REQUIRED',
      `keyfile ${file} is encrypted and no password was given`,
      'set TAONODE_WALLET_PASSWORD or run in a terminal to be prompted',
    );
  }
}

export class WeakPasswordError extends WalletError {
  constructor(reason: string) {
    super(
      'WEAK_PASSWORD',
      `password rejected: ${reason}`,
      'use at least 6 characters, or --no-password to store the key unencrypted',
    );
  }
}

export class UnsupportedKeyTypeError extends WalletError {
  constructor(file: string, cryptoType: number) {
    super(
      'UNSUPPORTED_KEY_TYPE',
      `keyfile ${file} holds a ${cryptoType === 0 ? 'ed25519' : `type ${cryptoType}`} key; taonode supports sr25519 keys only`,
      'use an sr25519 key (btcli creates sr25519 keys by default)',
    );
  }
}

export class InvalidWalletNameError extends WalletError {
  constructor(kind: string, name: string) {
    super(
      'INVALID_NAME',
      `invalid ${kind} name ${JSON.stringify(name)}`,
      'use letters, digits, - and _ (no path separators, no leading dot)',
    );
  }
}
