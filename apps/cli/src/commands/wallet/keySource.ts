import { assertValidMnemonic, Keypair, type KeySource } from '@taonode/wallet';
import type { Command } from 'commander';
import { promptPassword, UsageError } from '../../io/index.js';

export interface KeySourceFlags {
  mnemonic?: string[];
  seed?: string;
  uri?: string;
}

/** Adds btcli's regen inputs: `--mnemonic`, `--seed`, and `--uri` for dev keys like //Alice. */
export function addKeySourceOptions(cmd: Command): Command {
  return cmd
    .option(
      '--mnemonic <words...>',
      'the 12–24 word mnemonic (quoted or as separate words; omit to be prompted)',
    )
    .option('--seed <hex>', 'the 32-byte mini-secret as 0x-hex (secretSeed)')
    .option('--uri <suri>', "a substrate secret URI, e.g. '//Alice' on a local dev chain");
}

/**
 * Resolves the key source and validates it before anything is written or a password is asked.
 * Without a flag the mnemonic is read hidden from the terminal (or one stdin line), which keeps
 * it out of shell history and `ps`.
 */
export async function resolveKeySource(flags: KeySourceFlags): Promise<KeySource> {
  const given = [flags.mnemonic, flags.seed, flags.uri].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError('pass only one of --mnemonic, --seed, --uri');
  if (flags.seed !== undefined) {
    Keypair.fromSeed(flags.seed);
    return { seed: flags.seed };
  }
  if (flags.uri !== undefined) {
    Keypair.fromUri(flags.uri);
    return { uri: flags.uri };
  }
  const mnemonic = flags.mnemonic?.join(' ') ?? (await promptPassword('Mnemonic (input hidden): '));
  if (mnemonic === undefined || mnemonic.trim() === '') {
    throw new UsageError('no mnemonic given', 'pass --mnemonic "<words>" or type it at the prompt');
  }
  return { mnemonic: assertValidMnemonic(mnemonic) };
}
