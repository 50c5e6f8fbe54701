import { expandHome } from '@taonode/kit';
import { InvalidWalletNameError } from './errors.js';

export const DEFAULT_WALLET_NAME = 'default';
export const DEFAULT_HOTKEY_NAME = 'default';

/** `BT_WALLET_PATH`, else `~/.bittensor/wallets` (same as btcli). */
export function defaultWalletPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.BT_WALLET_PATH;
  return expandHome(fromEnv !== undefined && fromEnv !== '' ? fromEnv : '~/.bittensor/wallets');
}

/** Names become path segments: no separators, no leading dot, nothing that escapes the folder. */
export function assertValidName(kind: 'wallet' | 'hotkey', name: string): string {
  if (name === '' || name.startsWith('.') || /[/\\\0]/.test(name) || name.length > 255) {
    throw new InvalidWalletNameError(kind, name);
  }
  return name;
}
