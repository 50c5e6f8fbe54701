import type { OptionSpec } from './options.js';

export interface ParsedArgv {
  values: Map<string, string | boolean>;
  help: boolean;
  version: boolean;
  errors: string[];
}

/** `--wallet.hot-key` and `--wallet.hot_key` name the same option. */
export function normalizeKey(raw: string): string {
  return raw.replace(/-/g, '_');
}

/**
 * The Python SDK also takes the first dot as an underscore (`--wallet_name`, `--subtensor_network`,
 * `--axon_port`): a key that is unknown as given but known with its first `_` read as `.` is that key.
 */
function sdkSpelling(key: string, known: ReadonlyMap<string, OptionSpec>): string {
  if (known.has(key) || key.includes('.')) return key;
  const i = key.indexOf('_');
  if (i <= 0) return key;
  const dotted = `${key.slice(0, i)}.${key.slice(i + 1)}`;
  return known.has(dotted) ? dotted : key;
}

/**
 * Bittensor-style argv: `--key value`, `--key=value`, bare `--flag` for booleans and `--no-flag`.
 * Unknown flags and stray positionals are collected as errors so they fail the start, with a hint.
 */
export function parseArgv(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgv {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const values = new Map<string, string | boolean>();
  const errors: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--help' || token === '-h') {
      help = true;
      continue;
    }
    if (token === '--version' || token === '-V') {
      version = true;
      continue;
    }
    if (!token.startsWith('--')) {
      errors.push(`unexpected argument '${token}' (options look like --netuid 2)`);
      continue;
    }
    const eq = token.indexOf('=');
    let key = sdkSpelling(normalizeKey(eq === -1 ? token.slice(2) : token.slice(2, eq)), byKey);
    let inline: string | undefined = eq === -1 ? undefined : token.slice(eq + 1);
    let negated = false;
    if (!byKey.has(key) && key.startsWith('no_')) {
      const bare = sdkSpelling(key.slice(3), byKey);
      if (byKey.get(bare)?.kind === 'boolean') {
        key = bare;
        negated = true;
      }
    }
    const spec = byKey.get(key);
    if (!spec) {
      errors.push(`unknown option '--${key}'${suggest(key, specs)}`);
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    if (spec.kind === 'boolean') {
      if (negated) {
        values.set(key, false);
      } else if (inline !== undefined) {
        values.set(key, inline);
      } else if (argv[i + 1] === 'true' || argv[i + 1] === 'false') {
        values.set(key, argv[++i]!);
      } else {
        values.set(key, true);
      }
      continue;
    }
    if (inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        errors.push(`option '--${key}' needs a value`);
        continue;
      }
      inline = next;
      i++;
    }
    values.set(key, inline);
  }
  return { values, help, version, errors };
}

function suggest(key: string, specs: readonly OptionSpec[]): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const spec of specs) {
    const d = distance(key, spec.key);
    if (d < bestDistance) {
      bestDistance = d;
      best = spec.key;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4))
    ? ` (did you mean --${best}?)`
    : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
