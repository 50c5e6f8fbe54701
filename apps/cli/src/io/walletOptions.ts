import {
  DEFAULT_HOTKEY_NAME,
  DEFAULT_WALLET_NAME,
  defaultWalletPath,
  InvalidWalletNameError,
  Wallet,
} from '@taonode/wallet';
import { type Command, Option } from 'commander';
import { UsageError } from './cliError.js';

/** The parsed standard wallet flags (commander keeps the dots in `--wallet.name`). */
export interface WalletFlags {
  'wallet.path'?: string;
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  // btcli also accepts dashes and underscores; kept as hidden aliases.
  walletPath?: string;
  walletName?: string;
  walletHotkey?: string;
  wallet_path?: string;
  wallet_name?: string;
  wallet_hotkey?: string;
}

/**
 * Adds `--wallet.path`, `--wallet.name` and (unless `hotkey: false`) `--wallet.hotkey`, plus
 * hidden btcli-style `--wallet-name` and `--wallet_name` aliases. Defaults are resolved at run time from
 * BT_WALLET_PATH / BT_WALLET_NAME / BT_WALLET_HOTKEY, then `~/.bittensor/wallets`, `default`, `default`.
 */
export function addWalletOptions(cmd: Command, options: { hotkey?: boolean } = {}): Command {
  cmd
    .option(
      '--wallet.path <path>',
      'folder holding wallets (default: $BT_WALLET_PATH or ~/.bittensor/wallets)',
    )
    .option('--wallet.name <name>', 'wallet (coldkey) name (default: $BT_WALLET_NAME or "default")')
    .addOption(new Option('--wallet-path <path>').hideHelp())
    .addOption(new Option('--wallet_path <path>').hideHelp())
    .addOption(new Option('--wallet-name <name>').hideHelp())
    .addOption(new Option('--wallet_name <name>').hideHelp());
  if (options.hotkey !== false) {
    cmd
      .option('--wallet.hotkey <name>', 'hotkey name (default: $BT_WALLET_HOTKEY or "default")')
      .addOption(new Option('--wallet-hotkey <name>').hideHelp())
      .addOption(new Option('--wallet_hotkey <name>').hideHelp());
  }
  return cmd;
}

const nonEmpty = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);

/** Resolved wallet location from flags, then environment, then btcli's defaults. */
export function walletLocation(flags: WalletFlags, env: NodeJS.ProcessEnv = process.env) {
  return {
    path:
      nonEmpty(flags['wallet.path']) ??
      nonEmpty(flags.walletPath) ??
      nonEmpty(flags.wallet_path) ??
      defaultWalletPath(env),
    name:
      nonEmpty(flags['wallet.name']) ??
      nonEmpty(flags.walletName) ??
      nonEmpty(flags.wallet_name) ??
      nonEmpty(env.BT_WALLET_NAME) ??
      DEFAULT_WALLET_NAME,
    hotkey:
      nonEmpty(flags['wallet.hotkey']) ??
      nonEmpty(flags.walletHotkey) ??
      nonEmpty(flags.wallet_hotkey) ??
      nonEmpty(env.BT_WALLET_HOTKEY) ??
      DEFAULT_HOTKEY_NAME,
  };
}

/**
 * The Wallet the standard flags point at (nothing is read from disk yet). A name that cannot be a
 * wallet or hotkey (`--wallet.hotkey a/b`) is a bad command line: exit 2, naming the flag.
 */
export function loadWalletFromOptions(flags: WalletFlags): Wallet {
  try {
    return new Wallet(walletLocation(flags));
  } catch (error) {
    if (!(error instanceof InvalidWalletNameError)) throw error;
    const flag = /hotkey/i.test(error.message) ? '--wallet.hotkey' : '--wallet.name';
    throw new UsageError(`${flag}: ${error.message}`, error.hint);
  }
}
