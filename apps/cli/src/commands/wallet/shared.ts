import { MNEMONIC_WORD_COUNTS, type MnemonicWordCount } from '@taonode/wallet';
import { InvalidArgumentError } from 'commander';
import { printLine } from '../../io/index.js';

export interface JsonFlag {
  json?: boolean;
}

/** commander parser for `--n-words`. */
export function parseWordCount(value: string): MnemonicWordCount {
  const n = Number(value);
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(n)) {
    throw new InvalidArgumentError('must be 12, 15, 18, 21 or 24');
  }
  return n as MnemonicWordCount;
}

export const MNEMONIC_WARNING =
  'Write these words down and store them offline. They are the only way to recover this key; anyone who sees them controls it. taonode never shows them again.';

/** Shows a freshly generated mnemonic exactly once, on stdout, clearly fenced. */
export function printNewMnemonic(what: string, mnemonic: string): void {
  const rule = '='.repeat(72);
  printLine(rule);
  printLine(`NEW ${what.toUpperCase()} MNEMONIC (${mnemonic.split(' ').length} words):`);
  printLine();
  printLine(`  ${mnemonic}`);
  printLine();
  printLine(MNEMONIC_WARNING);
  printLine(rule);
}
