import {
  type NormalizedWeights,
  type NormalizeOptions,
  normalizeWeights,
  WeightsInputError,
  type WeightsInputProblem,
} from '@taonode/chain';
import { z } from 'zod';
import { CliError, EXIT, UsageError } from '../../io/index.js';

/**
 * Parses a comma-separated list with `item`; the flag name goes into the error, and an empty entry
 * (`0,,1`, a trailing comma) is named as such rather than surfacing later as a length mismatch.
 */
function parseList<T>(flag: string, raw: string, item: z.ZodType<T>, what: string): T[] {
  if (raw.trim() === '') return [];
  return raw.split(',').map((entry, i) => {
    const part = entry.trim();
    if (part === '') throw new Error(`${flag}: entry ${i + 1} of "${raw}" is empty`);
    const parsed = item.safeParse(part);
    if (!parsed.success) throw new Error(`${flag}: "${part}" is not ${what}`);
    return parsed.data;
  });
}

const uidItem = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().max(65535));
const weightItem = z
  .string()
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i)
  .transform(Number);

export function parseUids(raw: string): number[] {
  return parseList('--uids', raw, uidItem, 'a uid (integer 0..65535)');
}

/** Weights are validated (negative, NaN, …) by normalizeWeights; here we only check they are numbers. */
export function parseWeights(raw: string): number[] {
  return parseList('--weights', raw, weightItem, 'a number');
}

export function parseNetuid(raw: string): number {
  const parsed = uidItem.safeParse(raw);
  if (!parsed.success) throw new Error(`--netuid: "${raw}" is not a subnet id (integer 0..65535)`);
  return parsed.data;
}

export function parseVersionKey(raw: string): bigint {
  if (!/^\d+$/.test(raw) || BigInt(raw) >= 1n << 64n) {
    throw new Error(`--version-key: "${raw}" is not an unsigned 64-bit integer`);
  }
  return BigInt(raw);
}

/** Runs a flag parser; its failure becomes a usage error (exit 2) naming the flag. */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

const FLAG_OF: Readonly<Record<WeightsInputProblem, string>> = {
  LengthMismatch: '--uids/--weights',
  NegativeWeight: '--weights',
  NonFiniteWeight: '--weights',
  InvalidUid: '--uids',
  DuplicateUid: '--uids',
  InvalidLimit: '--max-weight-limit',
  InvalidSalt: '--weights',
  InvalidVersionKey: '--version-key',
};

/**
 * normalizeWeights for command-line input: a refusal (length mismatch, negative, NaN, duplicate
 * uid…) is a usage error (exit 2) naming the flag, and keeps the code `WeightsInputError`.
 */
export function normalizeOrUsage(
  uids: readonly number[],
  weights: readonly number[],
  options: NormalizeOptions = {},
): NormalizedWeights {
  try {
    return normalizeWeights(uids, weights, options);
  } catch (err) {
    if (!(err instanceof WeightsInputError)) throw err;
    throw new CliError(`${FLAG_OF[err.problem]}: ${err.message}`, {
      hint: err.hint,
      exitCode: EXIT.USAGE,
      code: 'WeightsInputError',
      cause: err,
    });
  }
}
