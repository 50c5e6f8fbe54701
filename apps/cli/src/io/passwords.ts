import { type Keypair, type UnlockOptions, type Wallet, WeakPasswordError } from '@taonode/wallet';
import { CliError } from './cliError.js';
import { isInteractive, promptPassword } from './prompt.js';

export const PASSWORD_ENV = 'TAONODE_WALLET_PASSWORD';
const MIN_PASSWORD_LENGTH = 6;

function envPassword(): string | undefined {
  const value = process.env[PASSWORD_ENV];
  return value !== undefined && value !== '' ? value : undefined;
}

/**
 * How to get a password to decrypt a keyfile: $TAONODE_WALLET_PASSWORD, then btcli's BT_PW_*
 * variable (handled by the wallet package), then a hidden prompt (or one stdin line).
 */
export function unlockOptions(): UnlockOptions {
  return {
    password: envPassword(),
    askPassword: ({ file }) => promptPassword(`Password to unlock ${file}: `),
  };
}

/** Reads the coldkey, decrypting it (the usual step before a coldkey-signed extrinsic). */
export function unlockColdkey(wallet: Wallet): Promise<Keypair> {
  return wallet.getColdkey(unlockOptions());
}

/** Reads the hotkey (unencrypted unless it was created with a password). */
export function loadHotkey(wallet: Wallet): Promise<Keypair> {
  return wallet.getHotkey(unlockOptions());
}

/**
 * A password for encrypting a new keyfile: $TAONODE_WALLET_PASSWORD, else asked twice on a
 * terminal, else one stdin line.
 */
export async function newPassword(what: string): Promise<string> {
  const password = envPassword() ?? (await askNewPassword(what));
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new WeakPasswordError(`shorter than ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}

async function askNewPassword(what: string): Promise<string> {
  const first = await promptPassword(`Choose a password to encrypt the ${what}: `);
  if (first === undefined) {
    throw new CliError(`a password is needed to encrypt the ${what}`, {
      hint: `set ${PASSWORD_ENV}, pipe it on stdin, or pass --no-password to store it unencrypted`,
      code: 'PASSWORD_REQUIRED',
    });
  }
  if (isInteractive()) {
    const again = await promptPassword('Repeat the password: ');
    if (again !== first)
      throw new CliError('the two passwords differ', {
        hint: 'run the command again',
        code: 'PASSWORD_MISMATCH',
      });
  }
  return first;
}
