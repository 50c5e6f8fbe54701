import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { defaultLedgerFile, OMEGA_FOCUS_API } from '@taonode/sn24/focus';
import type { Command } from 'commander';
import { UsageError, type WalletFlags, walletLocation } from '../../io/index.js';

export interface MarketplaceFlags {
  'sn24.focus_api'?: string;
}

/** `--sn24.focus_api <url>`: OMEGA's API by default, or a self-hosted one / the stand-in. */
export function addMarketplaceOption(cmd: Command): Command {
  return cmd.option(
    '--sn24.focus_api <url>',
    `Focus marketplace base URL (default ${OMEGA_FOCUS_API}; a local stand-in: http://127.0.0.1:8002)`,
  );
}

export function marketplaceUrl(flags: MarketplaceFlags): string {
  const url = flags['sn24.focus_api'] ?? OMEGA_FOCUS_API;
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new UsageError(`--sn24.focus_api: "${url}" is not an http(s):// URL`);
  }
  return url;
}

/** `--ledger <file>`, else `~/.taonode/focus/<wallet>/<hotkey>/purchases.json`. */
export function ledgerFile(flags: WalletFlags & { ledger?: string }): string {
  if (flags.ledger !== undefined && flags.ledger !== '') return resolve(flags.ledger);
  const where = walletLocation(flags);
  return defaultLedgerFile(homedir(), where.name, where.hotkey);
}
