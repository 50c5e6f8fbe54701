import type { Wallet } from '@taonode/wallet';

export interface WalletDescription {
  /** From coldkeypub.txt; null when the wallet has none. */
  coldkey: string | null;
  /** Hotkey name → ss58 address (null when the hotkey file cannot be read without a password). */
  hotkeys: Record<string, string | null>;
}

/** Public addresses only: never decrypts anything or asks for a password. */
export async function describeWallet(wallet: Wallet): Promise<WalletDescription> {
  const coldkey = await wallet
    .getColdkeypub()
    .then((k) => k.ss58Address)
    .catch(() => null);
  const hotkeys: Record<string, string | null> = {};
  for (const name of await wallet.listHotkeys()) {
    hotkeys[name] = await wallet
      .getHotkeypub(name)
      .then((k) => k.ss58Address)
      .catch(() => null);
  }
  return { coldkey, hotkeys };
}
